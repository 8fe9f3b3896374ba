-- A data officer may ask for a finished delivery to be sent again (POST …/deliveries/{id}/redeliver). The row keeps
-- its id (the receiver's X-Interchange-Delivery, so it can tell a resend from a new event) and its attempt numbers
-- go on from where they stopped; retry_from is the attempt count when the current run of retries began, so the run
-- gets the full interchange.notify.max-attempts again.
alter table outbox_delivery add column retry_from integer not null default 0;
