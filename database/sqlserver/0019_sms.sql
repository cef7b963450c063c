-- SMS (Twilio). Every inbound message's MessageSid, so a webhook Twilio delivers again stores nothing twice; and the
-- numbers that said STOP (or that Twilio refused as unsubscribed, error 21610): the desk sends them nothing until START.

create table sms_received (
    message_sid nvarchar(64) primary key,
    address nvarchar(32) not null,
    query_id bigint null,
    received_at datetimeoffset(7) not null
);

create table sms_opt_outs (
    address nvarchar(32) primary key,
    keyword nvarchar(16) not null,
    opted_out_at datetimeoffset(7) not null
);
