-- One person across channels (issue 12): contacts merged by hand, each merge recording exactly what it moved so that
-- it can be undone, and contacts erased on request (offboarding, ITIL 4 7.6.2).

-- A merged contact is kept, pointing at the contact that took its identities and queries; an erased one keeps its id
-- and a placeholder name, so that its queries still count.
alter table contacts add merged_into_id integer null references contacts (id);
alter table contacts add erased_at text null;

create table contact_merges (
    id integer primary key,
    survivor_id integer not null references contacts (id),
    merged_id integer not null references contacts (id),
    reason text not null,
    merged_by text not null,
    merged_at text not null,
    unmerged_by text null,
    unmerged_at text null,
    unmerge_reason text null
);

create index ix_contact_merges_survivor on contact_merges (survivor_id, id);
create index ix_contact_merges_merged on contact_merges (merged_id, id);

-- What a merge moved: the ids of identities, queries and chat conversations, so an un-merge moves back exactly these.
create table contact_merge_moves (
    merge_id integer not null references contact_merges (id),
    item text not null check (item in ('identity', 'query', 'conversation')),
    item_id integer not null,
    primary key (merge_id, item, item_id)
);
