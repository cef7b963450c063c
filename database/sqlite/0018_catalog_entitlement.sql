-- Catalog entitlement (8.2.5): a request for a catalog item the contact is not entitled to is taken ungranted, for an
-- agent to grant (overriding catalog.entitlement with a written justification) or change. Earlier requests were all granted.
alter table queries add column catalog_granted integer not null default 1;
