-- SMS (Twilio). Every inbound message's MessageSid, so a webhook Twilio delivers again stores nothing twice; and the
-- numbers that said STOP (or that Twilio refused as unsubscribed, error 21610): the desk sends them nothing until START.

create table sms_received (
    message_sid text primary key,
    address text not null,
    query_id integer null,
    received_at text not null
);

create table sms_opt_outs (
    address text primary key,
    keyword text not null,
    opted_out_at text not null
);
