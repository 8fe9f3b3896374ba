-- Notifications: each department may register one webhook; events are written to the outbox in the transaction of
-- the change they announce and delivered afterwards by a worker on any node.
create table department_webhook (
    department_id  varchar(32)  primary key references department (id),
    url            varchar(2000) not null,
    -- SecretBox-sealed HMAC key (context webhook:<department>); never returned by the API.
    secret_sealed  text         not null,
    updated_by     varchar(200) not null,
    updated_at     timestamptz  not null
);

-- One row per event and receiving department: the row is the delivery, its id the X-Interchange-Delivery header.
create table outbox_delivery (
    id               uuid         primary key,
    event_id         uuid         not null,
    department_id    varchar(32)  not null references department (id),
    event_type       varchar(48)  not null,
    payload          jsonb        not null,
    created_at       timestamptz  not null,
    -- PENDING (due at next_attempt_at), DELIVERED, DEAD (gave up after max attempts), UNDELIVERABLE (no webhook).
    status           varchar(16)  not null,
    attempts         integer      not null default 0,
    -- While PENDING: when a worker may next claim it. A claim pushes it out by the lease, so a node that dies
    -- mid-call leaves the row due again after the lease instead of stuck.
    next_attempt_at  timestamptz  not null,
    finished_at      timestamptz,
    last_error       text
);
create index outbox_delivery_due on outbox_delivery (next_attempt_at) where status = 'PENDING';
create index outbox_delivery_department on outbox_delivery (department_id, created_at desc, id desc);
create unique index outbox_delivery_event_department on outbox_delivery (event_id, department_id);

-- Every HTTP attempt of a delivery: status code or error, and how long it took.
create table outbox_attempt (
    delivery_id  uuid         not null references outbox_delivery (id),
    attempt      integer      not null,
    at           timestamptz  not null,
    status_code  integer,
    error        varchar(500),
    duration_ms  integer      not null,
    primary key (delivery_id, attempt)
);

-- The overdue job announces each (object, condition) once: the insert that wins this key publishes the event, so
-- restarts and a second node publish nothing twice.
create table notice_marker (
    object_type  varchar(32)  not null,
    object_id    varchar(64)  not null,
    condition    varchar(64)  not null,
    created_at   timestamptz  not null,
    primary key (object_type, object_id, condition)
);

-- Idempotency-Key (API.md): the first request with a key claims it (IN_FLIGHT); a success stores its response (DONE)
-- for 24 h; a failure releases the key.
create table idempotency_key (
    client_id         varchar(200) not null,
    department        varchar(32)  not null,
    key               varchar(128) not null,
    request_hash      char(64)     not null,
    state             varchar(16)  not null,
    response_status   integer,
    response_headers  jsonb,
    response_body     text,
    created_at        timestamptz  not null,
    expires_at        timestamptz  not null,
    primary key (client_id, department, key)
);
create index idempotency_key_expiry on idempotency_key (expires_at);
