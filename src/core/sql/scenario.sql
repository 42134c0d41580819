-- Copyright 2026 The BFG Integration Console authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- ScenarioStore.v1: the scenario tables of a workspace, version 1.
--
-- No REAL columns: money is in minor units, positions in microdegrees and
-- weights in kilograms, so that every row has one canonical encoding and
-- the snapshot digests are the same on every machine.

create table tenants (
  tenant_id   text primary key,
  name        text not null,
  created_at  text not null
);

create table users (
  user_id       text primary key,
  tenant_id     text not null references tenants (tenant_id),
  role_key      text not null,
  display_name  text not null,
  desk          text not null
);

create table user_permissions (
  user_id     text not null references users (user_id),
  permission  text not null,
  primary key (user_id, permission)
);

create table orders (
  order_id             text primary key,
  tenant_id            text not null references tenants (tenant_id),
  client_id            text not null references users (user_id),
  origin_city          text not null,
  origin_country       text not null,
  destination_city     text not null,
  destination_country  text not null,
  pickup_at            text not null,
  delivery_due         text not null,
  weight_kg            integer not null,
  pallets              integer not null,
  status               text not null,
  price_minor          integer not null,
  currency             text not null
);

create table driver_events (
  event_id   text primary key,
  tenant_id  text not null references tenants (tenant_id),
  order_id   text not null references orders (order_id),
  driver_id  text not null references users (user_id),
  kind       text not null,
  at         text not null,
  lat_e6     integer not null,
  lon_e6     integer not null,
  note       text not null default ''
);

create table finance_events (
  event_id        text primary key,
  tenant_id       text not null references tenants (tenant_id),
  order_id        text not null references orders (order_id),
  kind            text not null check (kind in ('invoice', 'payment')),
  invoice_number  text not null,
  ksef_number     text,
  seller_nip      text not null,
  buyer_nip       text not null,
  net_minor       integer not null,
  vat_minor       integer not null,
  gross_minor     integer not null,
  currency        text not null,
  at              text not null,
  status          text not null
);

create table documents (
  document_id  text primary key,
  tenant_id    text not null references tenants (tenant_id),
  order_id     text not null references orders (order_id),
  kind         text not null,
  file_name    text not null,
  sha256       text not null,
  ocr_status   text not null,
  created_at   text not null
);

create index driver_events_order on driver_events (order_id);
create index finance_events_order on finance_events (order_id);
create index documents_order on documents (order_id);
