/* bfg-demo-ops.c: realistic generated operations rows for a workspace
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Snapshot, schema map, generator and dry-run share one log domain. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "bfg-replay"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "bfg-demo-ops.h"

#include <string.h>
#include <time.h>

#include "bfg-error.h"

/* Monday 5 January 2026, 06:00 UTC: when the generated history starts. */
#define BASE_TIME G_GINT64_CONSTANT (1767592800)
#define PROGRESS_EVERY 65536

typedef struct
{
  const char *name;
  const char *country;
  gint32      lat_e6;
  gint32      lon_e6;
} City;

static const City cities[] = {
  { "Warszawa", "PL", 52229676, 21012229 },
  { "Kraków", "PL", 50064650, 19944980 },
  { "Gdańsk", "PL", 54352025, 18646638 },
  { "Wrocław", "PL", 51107885, 17038538 },
  { "Poznań", "PL", 52406374, 16925168 },
  { "Łódź", "PL", 51759250, 19455983 },
  { "Lublin", "PL", 51246454, 22568446 },
  { "Rzeszów", "PL", 50041187, 21999121 },
  { "Lviv", "UA", 49839683, 24029717 },
  { "Kyiv", "UA", 50450100, 30523400 },
  { "Odesa", "UA", 46482526, 30723310 },
  { "Dnipro", "UA", 48464717, 35046183 },
  { "Kharkiv", "UA", 49993500, 36230383 },
  { "Lutsk", "UA", 50747233, 25325383 },
};

/* Border crossings on the Polish–Ukrainian border. */
static const City crossings[] = {
  { "Korczowa–Krakovets", "PL", 49957500, 23090833 },
  { "Dorohusk–Yahodyn", "PL", 51186111, 23812500 },
  { "Hrebenne–Rava-Ruska", "PL", 50240000, 23575000 },
};

static const char * const ocr_states[] = { "verified", "extracted", "pending" };

static const char * const order_states[] = {
  "delivered", "delivered", "delivered", "in_transit", "assigned", "created",
};

static const char * const buyer_nip_stems[] = {
  "525281", "677123", "583295", "894301", "779240", "951218",
};

typedef struct
{
  guint64 state;
} Rng;

/* xorshift64*: deterministic across machines, and cheap. */
static guint64
rng_next (Rng *rng)
{
  rng->state ^= rng->state >> 12;
  rng->state ^= rng->state << 25;
  rng->state ^= rng->state >> 27;

  return rng->state * G_GUINT64_CONSTANT (2685821657736338717);
}

static guint
rng_range (Rng   *rng,
           guint  n)
{
  return (guint) ((rng_next (rng) >> 11) % n);
}

static void
format_time (gint64  t,
             char    out[24])
{
  time_t tt = (time_t) t;
  struct tm tm;

  gmtime_r (&tt, &tm);
  strftime (out, 24, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* A NIP is 9 digits and a check digit: weights 6 5 7 2 3 4 5 6 7, mod 11;
 * a remainder of 10 is not a valid NIP, so the next number is tried. */
static void
make_nip (const char *stem,
          guint       serial,
          char        out[11])
{
  static const int weights[] = { 6, 5, 7, 2, 3, 4, 5, 6, 7 };

  for (;; serial++)
    {
      int sum = 0;

      g_snprintf (out, 11, "%s%03u", stem, serial % 1000);
      for (int i = 0; i < 9; i++)
        sum += (out[i] - '0') * weights[i];
      if (sum % 11 != 10)
        {
          out[9] = (char) ('0' + sum % 11);
          out[10] = '\0';
          return;
        }
    }
}

static gboolean
prepare (sqlite3       *db,
         const char    *sql,
         sqlite3_stmt **stmt,
         GError       **error)
{
  if (sqlite3_prepare_v2 (db, sql, -1, stmt, NULL) == SQLITE_OK)
    return TRUE;

  g_set_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_IO,
               _("Cannot prepare the generator: %s"), sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
step (sqlite3       *db,
      sqlite3_stmt  *stmt,
      GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;

  g_set_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_IO,
               _("Cannot write a generated row: %s"), sqlite3_errmsg (db));
  return FALSE;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0))
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return text;
}

#define BIND_TEXT(s, i, v) sqlite3_bind_text (s, i, v, -1, SQLITE_TRANSIENT)

typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *order;
  sqlite3_stmt *driver_event;
  sqlite3_stmt *finance;
  sqlite3_stmt *document;
  const char   *tenant;
  const char   *client;
  const char   *driver;
  char          seller_nip[11];
  Rng           rng;
} Generator;

static void
generator_finalize (Generator *g)
{
  sqlite3_finalize (g->order);
  sqlite3_finalize (g->driver_event);
  sqlite3_finalize (g->finance);
  sqlite3_finalize (g->document);
}

/* Writes up to @budget rows of order number @i, in the documented order;
 * returns how many it wrote, or -1 on error. */
static int
generate_order (Generator  *g,
                guint64     i,
                int         budget,
                GError    **error)
{
  const City *from, *to;
  char order_id[24], pickup[24], due[24], at[24], id[40], text[96];
  char ksef[48], invoice[40], buyer_nip[11];
  gint64 pickup_t, due_t;
  gint64 weight, pallets, price, net, vat;
  const char *currency, *status;
  gboolean international;
  int written = 0;

  from = &cities[rng_range (&g->rng, G_N_ELEMENTS (cities))];
  do
    to = &cities[rng_range (&g->rng, G_N_ELEMENTS (cities))];
  while (to == from);
  international = strcmp (from->country, to->country) != 0;

  g_snprintf (order_id, sizeof order_id, "ord-%08" G_GUINT64_FORMAT, i + 1);
  pickup_t = BASE_TIME + (gint64) i * 97 + rng_range (&g->rng, 3600);
  due_t = pickup_t + (international ? 36 : 10) * 3600 +
          rng_range (&g->rng, 12 * 3600);
  format_time (pickup_t, pickup);
  format_time (due_t, due);
  pallets = 1 + rng_range (&g->rng, 33);
  weight = pallets * (180 + rng_range (&g->rng, 520));
  currency = international ? (rng_range (&g->rng, 2) ? "EUR" : "UAH") : "PLN";
  price = (international ? 420000 : 95000) + weight * 11 +
          rng_range (&g->rng, 50000);
  if (strcmp (currency, "UAH") == 0)
    price *= 9;
  else if (strcmp (currency, "EUR") == 0)
    price /= 4;
  status = order_states[rng_range (&g->rng, G_N_ELEMENTS (order_states))];

  /* The order. */
  BIND_TEXT (g->order, 1, order_id);
  BIND_TEXT (g->order, 2, g->tenant);
  BIND_TEXT (g->order, 3, g->client);
  BIND_TEXT (g->order, 4, from->name);
  BIND_TEXT (g->order, 5, from->country);
  BIND_TEXT (g->order, 6, to->name);
  BIND_TEXT (g->order, 7, to->country);
  BIND_TEXT (g->order, 8, pickup);
  BIND_TEXT (g->order, 9, due);
  sqlite3_bind_int64 (g->order, 10, weight);
  sqlite3_bind_int64 (g->order, 11, pallets);
  BIND_TEXT (g->order, 12, status);
  sqlite3_bind_int64 (g->order, 13, price);
  BIND_TEXT (g->order, 14, currency);
  if (!step (g->db, g->order, error))
    return -1;
  if (++written == budget)
    return written;

  /* Three driver events: loaded, on the way, delivered. */
  for (int e = 0; e < 3; e++)
    {
      const City *where = e == 0 ? from : e == 2 ? to : NULL;
      City mid;
      const char *kind;

      if (where == NULL)
        {
          if (international)
            mid = crossings[rng_range (&g->rng, G_N_ELEMENTS (crossings))];
          else
            mid = (City) { NULL, NULL, (from->lat_e6 + to->lat_e6) / 2,
                           (from->lon_e6 + to->lon_e6) / 2 };
          where = &mid;
        }
      kind = e == 0 ? "loaded" : e == 2 ? "delivered"
             : international ? "border_crossing" : "checkpoint";

      g_snprintf (id, sizeof id, "drv-%08" G_GUINT64_FORMAT "-%d", i + 1, e + 1);
      format_time (pickup_t + e * (due_t - pickup_t) / 2, at);
      if (e == 1 && international)
        g_snprintf (text, sizeof text, "Odprawa %s, kolejka %u min",
                    where->name, 20 + rng_range (&g->rng, 280));
      else
        g_snprintf (text, sizeof text, "%s %s",
                    e == 0 ? "Załadunek" : e == 2 ? "Rozładunek" : "Postój",
                    where->name ? where->name : "trasa");

      BIND_TEXT (g->driver_event, 1, id);
      BIND_TEXT (g->driver_event, 2, g->tenant);
      BIND_TEXT (g->driver_event, 3, order_id);
      BIND_TEXT (g->driver_event, 4, g->driver);
      BIND_TEXT (g->driver_event, 5, kind);
      BIND_TEXT (g->driver_event, 6, at);
      sqlite3_bind_int64 (g->driver_event, 7,
                          where->lat_e6 + (gint64) rng_range (&g->rng, 2000) - 1000);
      sqlite3_bind_int64 (g->driver_event, 8,
                          where->lon_e6 + (gint64) rng_range (&g->rng, 2000) - 1000);
      BIND_TEXT (g->driver_event, 9, text);
      if (!step (g->db, g->driver_event, error))
        return -1;
      if (++written == budget)
        return written;
    }

  /* The KSeF invoice and its payment, in grosze (or cents, kopiykas). */
  net = price;
  vat = (net * 23 + 50) / 100;
  make_nip (buyer_nip_stems[i % G_N_ELEMENTS (buyer_nip_stems)],
            (guint) (i % 997), buyer_nip);
  format_time (due_t + 3600, at);
  g_snprintf (invoice, sizeof invoice, "FV/%.4s/%.2s/%06" G_GUINT64_FORMAT,
              at, at + 5, i + 1);
  g_snprintf (ksef, sizeof ksef, "%s-%.4s%.2s%.2s-%012" G_GINT64_MODIFIER "X-%02X",
              g->seller_nip, at, at + 5, at + 8,
              (gint64) (rng_next (&g->rng) & G_GUINT64_CONSTANT (0xffffffffffff)),
              (guint) rng_range (&g->rng, 256));

  for (int f = 0; f < 2; f++)
    {
      g_snprintf (id, sizeof id, "fin-%08" G_GUINT64_FORMAT "-%d", i + 1, f + 1);
      if (f == 1)
        format_time (due_t + (7 + rng_range (&g->rng, 30)) * 86400, at);

      BIND_TEXT (g->finance, 1, id);
      BIND_TEXT (g->finance, 2, g->tenant);
      BIND_TEXT (g->finance, 3, order_id);
      BIND_TEXT (g->finance, 4, f == 0 ? "invoice" : "payment");
      BIND_TEXT (g->finance, 5, invoice);
      if (f == 0)
        BIND_TEXT (g->finance, 6, ksef);
      else
        sqlite3_bind_null (g->finance, 6);
      BIND_TEXT (g->finance, 7, g->seller_nip);
      BIND_TEXT (g->finance, 8, buyer_nip);
      sqlite3_bind_int64 (g->finance, 9, net);
      sqlite3_bind_int64 (g->finance, 10, vat);
      sqlite3_bind_int64 (g->finance, 11, net + vat);
      BIND_TEXT (g->finance, 12, currency);
      BIND_TEXT (g->finance, 13, at);
      BIND_TEXT (g->finance, 14, f == 0 ? "accepted" :
                 rng_range (&g->rng, 5) ? "settled" : "pending");
      if (!step (g->db, g->finance, error))
        return -1;
      if (++written == budget)
        return written;
    }

  /* The CMR, then the proof of delivery or the invoice PDF. */
  for (int d = 0; d < 2; d++)
    {
      const char *kind = d == 0 ? "cmr" : (i % 2 ? "invoice_pdf" : "pod");
      g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
      guint64 content = rng_next (&g->rng);

      g_snprintf (id, sizeof id, "doc-%08" G_GUINT64_FORMAT "-%d", i + 1, d + 1);
      g_snprintf (text, sizeof text, "%s-%s.pdf", kind, order_id);
      g_checksum_update (sum, (const guchar *) text, -1);
      g_checksum_update (sum, (const guchar *) &content, sizeof content);
      format_time (pickup_t + d * (due_t - pickup_t) + 600, at);

      BIND_TEXT (g->document, 1, id);
      BIND_TEXT (g->document, 2, g->tenant);
      BIND_TEXT (g->document, 3, order_id);
      BIND_TEXT (g->document, 4, kind);
      BIND_TEXT (g->document, 5, text);
      BIND_TEXT (g->document, 6, g_checksum_get_string (sum));
      BIND_TEXT (g->document, 7, ocr_states[rng_range (&g->rng, 3)]);
      BIND_TEXT (g->document, 8, at);
      if (!step (g->db, g->document, error))
        return -1;
      if (++written == budget)
        return written;
    }

  return written;
}

static gint64
count_operations (sqlite3 *db)
{
  g_autofree char *n = query_text (db,
                                   "select (select count(*) from orders) + "
                                   "(select count(*) from driver_events) + "
                                   "(select count(*) from finance_events) + "
                                   "(select count(*) from documents)");

  return n ? g_ascii_strtoll (n, NULL, 10) : 0;
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;

  g_set_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_IO,
               _("%s: %s"), sql, sqlite3_errmsg (db));
  return FALSE;
}

/* The operations tables, and the console.sql triggers that count their
 * rows and bump data_version once per row. */
static const char suspended_triggers_sql[] =
  "select name, sql from sqlite_master where type = 'trigger' "
  "and tbl_name in ('orders', 'driver_events', 'finance_events', 'documents') "
  "and (name like '%\\_counted\\_insert' escape '\\' "
  "or name like '%\\_counted\\_delete' escape '\\') order by name";

/* Each counter trigger runs an UPDATE of scenario_state for every row
 * written, and in one large transaction that cost grows with the rows
 * already written: a million rows took 40.8 s with them and 7 s without.
 * Inside the generator's transaction the insert and delete triggers of
 * the operations tables are dropped, and put back from their own stored
 * SQL before the commit; no other connection ever sees the workspace
 * without them, and a rollback restores them with everything else. */
static gboolean
suspend_triggers (sqlite3    *db,
                  GPtrArray  *saved,
                  GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!prepare (db, suspended_triggers_sql, &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (saved, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (saved, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_IO,
                   _("Cannot read the counter triggers: %s"), sqlite3_errmsg (db));
      return FALSE;
    }

  for (guint i = 0; i < saved->len; i += 2)
    {
      g_autofree char *sql = g_strdup_printf ("drop trigger \"%s\"",
                                              (const char *) saved->pdata[i]);

      if (!exec_sql (db, sql, error))
        return FALSE;
    }

  return TRUE;
}

/* Puts the triggers back and does once what they would have done row by
 * row: data_version grows by one per row deleted or inserted, and every
 * operations table's count is its real count. */
static gboolean
resume_triggers (sqlite3    *db,
                 GPtrArray  *saved,
                 gint64      changes,
                 GError    **error)
{
  g_autofree char *sql = NULL;

  for (guint i = 1; i < saved->len; i += 2)
    {
      if (!exec_sql (db, saved->pdata[i], error))
        return FALSE;
    }

  sql = g_strdup_printf ("update scenario_state set value = value + %"
                         G_GINT64_FORMAT " where key = 'data_version'; "
                         "update scenario_state set value = case key "
                         "when 'rows.orders' then (select count(*) from orders) "
                         "when 'rows.driver_events' then "
                         "(select count(*) from driver_events) "
                         "when 'rows.finance_events' then "
                         "(select count(*) from finance_events) "
                         "else (select count(*) from documents) end "
                         "where key in ('rows.orders', 'rows.driver_events', "
                         "'rows.finance_events', 'rows.documents')", changes);

  return exec_sql (db, sql, error);
}

static gboolean
generate (Generator            *g,
          guint64               n_rows,
          BfgDemoProgressFunc   progress,
          gpointer              user_data,
          GCancellable         *cancellable,
          GError              **error)
{
  guint64 done = 0;
  guint64 next_report = PROGRESS_EVERY;

  if (!prepare (g->db, "insert into orders values "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &g->order, error) ||
      !prepare (g->db, "insert into driver_events values "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?)", &g->driver_event, error) ||
      !prepare (g->db, "insert into finance_events values "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &g->finance, error) ||
      !prepare (g->db, "insert into documents values "
                "(?, ?, ?, ?, ?, ?, ?, ?)", &g->document, error))
    return FALSE;

  for (guint64 i = 0; done < n_rows; i++)
    {
      int budget = (int) MIN (n_rows - done, BFG_DEMO_OPS_ROWS_PER_ORDER);
      int written = generate_order (g, i, budget, error);

      if (written < 0)
        return FALSE;
      done += (guint64) written;

      if (done >= next_report)
        {
          next_report += PROGRESS_EVERY;
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress != NULL)
            progress (done, n_rows, user_data);
        }
    }

  if (progress != NULL)
    progress (done, n_rows, user_data);

  return TRUE;
}

/**
 * bfg_demo_generate_operations:
 * @db: a workspace's database, with its tenant and users in place
 * @n_rows: how many operations rows to write in total
 * @force: replace operations rows that are already there
 * @progress: (nullable) (scope call): called every 65536 rows and at the end
 * @user_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes @n_rows realistic operations rows (see
 * %BFG_DEMO_OPS_ROWS_PER_ORDER for the split): freight orders between
 * Polish and Ukrainian cities for the workspace's client, the driver's
 * events with positions, KSeF invoices (valid NIPs, KSeF numbers,
 * net + 23% VAT = gross in minor units, PLN, EUR or UAH) and their
 * payments, and CMR, POD and invoice documents with their SHA-256. The
 * rows depend on @n_rows only: the generator is seeded with a constant.
 * Everything is written in one transaction with prepared statements; a
 * failure or a cancellation leaves the workspace as it was. The row
 * counters and the data version end exactly as the per-row triggers would
 * have left them, but are set once at the end.
 *
 * Returns: %TRUE on success
 */
gboolean
bfg_demo_generate_operations (sqlite3              *db,
                              guint64               n_rows,
                              gboolean              force,
                              BfgDemoProgressFunc   progress,
                              gpointer              user_data,
                              GCancellable         *cancellable,
                              GError              **error)
{
  g_autofree char *tenant = NULL;
  g_autofree char *client = NULL;
  g_autofree char *driver = NULL;
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_free);
  Generator g = { 0 };
  sqlite3_int64 changes;
  gint64 existing;
  gboolean ok;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tenant = query_text (db, "select tenant_id from tenants "
                       "order by tenant_id limit 1");
  client = query_text (db, "select user_id from users order by "
                       "role_key <> 'client', user_id limit 1");
  driver = query_text (db, "select user_id from users order by "
                       "role_key <> 'driver', user_id limit 1");
  if (tenant == NULL || client == NULL || driver == NULL)
    {
      g_set_error (error, BFG_WORKSPACE_ERROR,
                   BFG_WORKSPACE_ERROR_NOT_A_WORKSPACE,
                   _("The workspace has no tenant or no users to own "
                   "generated operations"));
      return FALSE;
    }

  existing = count_operations (db);
  if (existing > 0 && !force)
    {
      g_set_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_EXISTS,
                   /* Translators: "--force" is a bfgctl option; keep it */
                   _("The workspace already holds %'" PRId64
                     " operations rows; use --force to replace them"), existing);
      return FALSE;
    }

  g.db = db;
  g.tenant = tenant;
  g.client = client;
  g.driver = driver;
  g.rng.state = G_GUINT64_CONSTANT (0x42464743304e534c);
  make_nip ("525000", 123, g.seller_nip);

  if (!exec_sql (db, "begin immediate", error))
    return FALSE;

  /* Rows deleted and inserted from here on, by this connection. */
  changes = sqlite3_total_changes64 (db);
  ok = suspend_triggers (db, saved, error) &&
       exec_sql (db, "delete from documents; delete from finance_events; "
                 "delete from driver_events; delete from orders", error) &&
       generate (&g, n_rows, progress, user_data, cancellable, error) &&
       resume_triggers (db, saved, sqlite3_total_changes64 (db) - changes,
                        error);
  generator_finalize (&g);

  if (ok)
    ok = exec_sql (db, "commit", error);
  if (!ok)
    sqlite3_exec (db, "rollback", NULL, NULL, NULL);

  return ok;
}
