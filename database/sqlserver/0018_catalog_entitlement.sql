-- Catalog entitlement (8.2.5): a request for a catalog item the contact is not entitled to is taken ungranted, for an
-- agent to grant (overriding catalog.entitlement with a written justification) or change. Earlier requests were all granted.
alter table queries add catalog_granted bit not null constraint df_queries_catalog_granted default 1;
