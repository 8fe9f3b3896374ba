-- Catalogue resources (数据资源目录). Structured members whose shape is the API's are JSON; what the hub filters,
-- joins or sorts on is a column.
create table catalog_resource (
    id                   varchar(20)  primary key,       -- the code with '/' replaced by '-'
    code                 varchar(20)  not null unique,
    provider_id          varchar(32)  not null references department (id),
    status               varchar(16)  not null,
    version              integer      not null,
    name                 varchar(200) not null,
    name_en              varchar(200),
    summary              text         not null,
    summary_en           text,
    classification       jsonb        not null,
    format               jsonb        not null,
    items                jsonb        not null,
    level                varchar(16)  not null,
    sharing_type         varchar(16)  not null,
    sharing_conditions   jsonb,
    not_shared_reason    text,
    legal_basis          text,
    sharing_modes        jsonb        not null,
    open_to_public       boolean      not null default false,
    open_condition       text,
    update_cycle         varchar(16)  not null,
    usage_conditions     text         not null,
    related_codes        jsonb        not null,
    tags                 jsonb        not null,
    contact              jsonb,
    source_kind          varchar(16)  not null,
    reject_reason        text,
    created_by           varchar(200) not null,
    created_at           timestamptz  not null,
    updated_at           timestamptz  not null,
    submitted_at         timestamptz,
    published_at         timestamptz,
    last_data_update_at  timestamptz,
    row_version          integer      not null default 0,
    constraint catalog_resource_name_per_provider unique (provider_id, name)
);
create index catalog_resource_status on catalog_resource (status, updated_at desc);

-- One counter per classification prefix; the increment and the insert share a transaction, so codes are unique.
create table catalog_code_sequence (
    prefix      varchar(12) primary key,
    last_value  integer     not null
);
