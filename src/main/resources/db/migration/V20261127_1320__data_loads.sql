-- Loads of hosted data: their progress is visible from any node while they run, and their outcome afterwards.
create table data_load (
    id             uuid         primary key,
    resource_id    varchar(20)  not null references catalog_resource (id),
    department     varchar(32)  not null,
    started_by     varchar(200) not null,
    mode           varchar(8)   not null,
    media_type     varchar(64)  not null,
    status         varchar(16)  not null,          -- RUNNING, SUCCEEDED, FAILED
    rows           bigint       not null default 0,
    bytes_read     bigint       not null default 0,
    bytes_total    bigint,
    problems       jsonb,
    started_at     timestamptz  not null,
    finished_at    timestamptz
);
create index data_load_resource on data_load (resource_id, started_at desc);
