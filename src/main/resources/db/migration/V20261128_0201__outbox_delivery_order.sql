-- "Newest first" in the delivery log needs an order that never ties: events published in the same millisecond share
-- created_at, and the random delivery id broke the tie arbitrarily. A sequence gives insertion order.
alter table outbox_delivery add column seq bigserial not null;
create index outbox_delivery_department_seq on outbox_delivery (department_id, seq desc);
drop index outbox_delivery_department;
