-- Copyright 2026 The BFG Integration Console authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The demo workspace: the state of the web console this app replaces.
-- No evidence, no acceptance, no audit event: the demo has had no write.
-- Times are fixed so that every machine makes the same snapshot.

insert into tenants (tenant_id, name, created_at) values
  ('single-tenant-local', 'BFG Control', '2026-01-05T08:00:00Z');

insert into users (user_id, tenant_id, role_key, display_name, desk) values
  ('user_md_anna', 'single-tenant-local', 'managing-director',
   'Anna Kowalska', 'BFG Control'),
  ('user_dispatcher_marek', 'single-tenant-local', 'dispatcher',
   'Marek Zielinski', 'Dispatch desk'),
  ('user_accountant_olena', 'single-tenant-local', 'accountant',
   'Olena Shevchenko', 'Finance'),
  ('driver_tarasenko', 'single-tenant-local', 'driver',
   'Petro Tarasenko', 'BFG Driver'),
  ('cp_client_lviv_farma', 'single-tenant-local', 'client',
   'Lviv Farma Distribution', 'Client Portal');

insert into user_permissions (user_id, permission) values
  ('user_md_anna', 'scenario.read'),
  ('user_md_anna', 'evidence.record'),
  ('user_md_anna', 'decisions.sign'),
  ('user_md_anna', 'infrastructure.choose'),
  ('user_md_anna', 'bundle.export'),
  ('user_dispatcher_marek', 'scenario.read'),
  ('user_dispatcher_marek', 'evidence.record'),
  ('user_dispatcher_marek', 'dispatch.accept'),
  ('user_dispatcher_marek', 'orders.dispatch'),
  ('user_accountant_olena', 'scenario.read'),
  ('user_accountant_olena', 'evidence.record'),
  ('user_accountant_olena', 'finance.accept'),
  ('user_accountant_olena', 'finance.ksef'),
  ('driver_tarasenko', 'scenario.read'),
  ('driver_tarasenko', 'trips.update'),
  ('driver_tarasenko', 'documents.upload'),
  ('cp_client_lviv_farma', 'scenario.read'),
  ('cp_client_lviv_farma', 'orders.create'),
  ('cp_client_lviv_farma', 'orders.track');

insert into session_metadata (key, value) values
  ('session', 'grant-demo-local'),
  ('storage', 'file-local'),
  ('auth', 'mock-auth-header'),
  ('tenant', 'single-tenant-local'),
  ('target', 'db-auth-session-adapter'),
  ('rollback-owner', 'user_md_anna'),
  ('adapter-contract', 'ScenarioStore.v1'),
  ('release-environment', 'local-demo');

insert into provider_contracts
  (provider_id, position, title, description, current_mode, target_mode)
values
  ('scenario-store', 1, 'Scenario store',
   'Persists the demo scenario today and defines the future DB session contract.',
   'file-local', 'Postgres/RLS'),
  ('auth-rbac', 2, 'Auth and RBAC',
   'Role headers drive the demo and keep the user, tenant and permission boundaries.',
   'mock-auth-header', 'OIDC/RBAC'),
  ('document-intelligence', 3, 'Document intelligence',
   'Local OCR output has the shape of production extraction responses.',
   'local-ocr', 'Document AI'),
  ('ksef', 4, 'KSeF e-invoice',
   'Mock invoice packets keep finance ready for the regulated API.',
   'mock-ksef', 'KSeF API'),
  ('maps-eta', 5, 'Maps and ETA',
   'Local ETA logic can be swapped for a live maps and traffic provider.',
   'local-eta', 'Maps/ETA API'),
  ('driver-offline-sync', 6, 'Driver offline sync',
   'The service worker and trip cache define the future background sync boundary.',
   'service-worker', 'Background sync');

insert into environments
  (environment_id, position, title, adapter, status, description)
values
  ('demo-local', 1, 'Local demo', 'file-local', 'active',
   'Runs now with file-local scenario state and mock provider contracts.'),
  ('staging', 2, 'Staging', 'db-auth-session-adapter', 'planned',
   'The next target for DB persistence, auth claims and provider secrets.'),
  ('production', 3, 'Production', 'tenant-rbac-adapter', 'planned',
   'The final tenant-scoped adapter with real auth and provider audit logs.');
