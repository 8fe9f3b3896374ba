-- Rows of HOSTED resources. Equality filters use JSON containment, which the GIN index answers.
create table hosted_row (
    resource_id  varchar(20) not null references catalog_resource (id),
    row_key      text        not null,
    data         jsonb       not null,
    loaded_at    timestamptz not null default now(),
    primary key (resource_id, row_key)
);
create index hosted_row_data on hosted_row using gin (data jsonb_path_ops);
