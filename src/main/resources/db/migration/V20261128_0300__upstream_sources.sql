-- Upstream sources: a department's allow-list of origins its stewards may register as upstream APIs (edited only by
-- the authority), and the endpoint of each UPSTREAM resource. The endpoint's credential is stored sealed (AES-GCM,
-- SecretBox) in its own column so it never travels inside the endpoint JSON, pending changes or version history.
create table upstream_host (
    department_id  varchar(32)  not null references department (id),
    scheme         varchar(5)   not null check (scheme in ('http', 'https')),
    host           varchar(255) not null,
    port           integer      not null check (port between 1 and 65535),
    created_at     timestamptz  not null default now(),
    primary key (department_id, scheme, host, port)
);

alter table catalog_resource
    add column upstream                    jsonb,
    add column upstream_credential         text,
    add column pending_upstream_credential text;
