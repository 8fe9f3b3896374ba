-- Changes to a published resource: metadata takes effect at once as a new version; items and sharing attributes wait
-- in `pending` for the authority's review while the published definition stays in force.
alter table catalog_resource
    add column pending        jsonb,
    add column pending_by     varchar(200),
    add column pending_since  timestamptz,
    add column retired_at     timestamptz,
    add column retire_reason  text;

-- One row per published definition: who, when, what changed, and the definition itself.
create table catalog_resource_version (
    resource_id  varchar(20)  not null references catalog_resource (id),
    version      integer      not null,
    kind         varchar(16)  not null,      -- PUBLISHED, METADATA, REVIEWED
    changed_by   varchar(200) not null,
    changed_at   timestamptz  not null,
    changes      jsonb        not null,      -- names of the members that changed
    definition   jsonb        not null,
    primary key (resource_id, version)
);
