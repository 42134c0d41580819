/* bfg-audit-list.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A workspace can hold a million audit events, so the list never loads
 * them all. Unfiltered, an event's position maps straight to its seq (the
 * chain numbers events 1..N without gaps) and rows are read a page at a
 * time as the view asks for them. Filtered, only the matching seqs are
 * kept (8 bytes each); rows are still read a page at a time.
 *
 * Finding the matching seqs can scan the whole trail (a text search over
 * a million events), so every reload runs on a worker thread with the
 * filters copied into the task; a newer reload cancels an older one, and
 * only the newest result reaches the model.
 *
 * Pages of rows stay in a small LRU cache. The view asks for rows on the
 * main thread in the middle of a frame, so a page that is not cached yet
 * costs that frame a read; to keep that rare, touching a page reads its
 * neighbours ahead on a worker thread, over a read-only connection of the
 * list's own, and a page the worker brings in lands in the cache without
 * any change to the model (its rows are the same rows). A reload bumps a
 * generation number so that a read-ahead of the old trail is dropped.
 */

#include "config.h"

#include "bfg-audit-item.h"
#include "bfg-audit-list.h"
#include "bfg-plan.h"

#define PAGE_SIZE 128
/* Enough pages for a few screens of scrolling back and forth: 4096 rows,
 * about 1.5 MB of items. */
#define MAX_PAGES 32
/* Read-aheads in flight at once; a fast scroll outruns any more. */
#define MAX_PENDING 2

typedef struct
{
  char *actor_id;
  char *section_id;
  char *check_id;
  char *text;
} Filters;

struct _BfgAuditList
{
  GObject       parent_instance;

  BfgWorkspace *workspace;
  Filters       filters;
  gboolean      descending;
  gboolean      loading;
  GCancellable *cancellable;

  guint         n_items;
  GArray       *seqs;
  GHashTable   *pages;
  GQueue        lru;
  GHashTable   *pending;
  guint         generation;

  /* The read-ahead thread's connection; tasks hold a reference to the
   * list, so it outlives them. */
  GMutex        reader_lock;
  sqlite3      *reader;
};

typedef struct
{
  guint      page;
  GPtrArray *items;
} Page;

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BfgAuditList, bfg_audit_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      list_model_iface_init))

enum {
  PROP_0,
  PROP_LOADING,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
filters_clear (Filters *filters)
{
  g_clear_pointer (&filters->actor_id, g_free);
  g_clear_pointer (&filters->section_id, g_free);
  g_clear_pointer (&filters->check_id, g_free);
  g_clear_pointer (&filters->text, g_free);
}

static void
filters_copy (Filters       *dest,
              const Filters *src)
{
  dest->actor_id = g_strdup (src->actor_id);
  dest->section_id = g_strdup (src->section_id);
  dest->check_id = g_strdup (src->check_id);
  dest->text = g_strdup (src->text);
}

static gboolean
is_filtered (const Filters *filters)
{
  return filters->actor_id != NULL || filters->section_id != NULL ||
         filters->check_id != NULL || filters->text != NULL;
}

/* The WHERE clause for the filters, with ?NNN parameters bound by
 * bind_filters(); check ids of a section come from the plan, since
 * some sections (wiring) do not prefix their checks with their id. */
static void
append_filters (const Filters *self,
                GString       *sql)
{
  g_string_append (sql, " where 1");

  if (self->actor_id != NULL)
    g_string_append (sql, " and actor_id = ?101");

  if (self->check_id != NULL)
    g_string_append (sql, " and check_id = ?102");

  if (self->text != NULL)
    g_string_append (sql, " and (action like ?103 escape '\\' or "
                          "detail like ?103 escape '\\' or "
                          "check_id like ?103 escape '\\' or "
                          "actor_id like ?103 escape '\\')");

  if (self->section_id != NULL)
    {
      const BfgCheckInfo *checks;
      guint n_checks = 0;
      gboolean first = TRUE;

      checks = bfg_plan_get_checks (&n_checks);
      g_string_append (sql, " and check_id in (");
      for (guint i = 0; i < n_checks; i++)
        {
          char *quoted;

          if (g_strcmp0 (checks[i].section, self->section_id) != 0)
            continue;

          quoted = sqlite3_mprintf ("%s%Q", first ? "" : ",", checks[i].id);
          g_string_append (sql, quoted);
          sqlite3_free (quoted);
          first = FALSE;
        }
      g_string_append (sql, first ? "'')" : ")");
    }
}

static void
bind_filters (const Filters *self,
              sqlite3_stmt  *stmt)
{
  int index;

  if ((index = sqlite3_bind_parameter_index (stmt, "?101")) > 0)
    sqlite3_bind_text (stmt, index, self->actor_id, -1, SQLITE_TRANSIENT);

  if ((index = sqlite3_bind_parameter_index (stmt, "?102")) > 0)
    sqlite3_bind_text (stmt, index, self->check_id, -1, SQLITE_TRANSIENT);

  if ((index = sqlite3_bind_parameter_index (stmt, "?103")) > 0)
    {
      GString *pattern = g_string_new ("%");

      for (const char *p = self->text; *p != '\0'; p++)
        {
          if (*p == '%' || *p == '_' || *p == '\\')
            g_string_append_c (pattern, '\\');
          g_string_append_c (pattern, *p);
        }
      g_string_append_c (pattern, '%');

      /* sqlite takes ownership of the pattern's bytes. */
      sqlite3_bind_text (stmt, index, g_string_free_and_steal (pattern), -1, g_free);
    }
}

typedef struct
{
  BfgWorkspace *workspace;
  char         *path;
  Filters       filters;
  guint         n_items;
  GArray       *seqs;
} Query;

static void
query_free (gpointer data)
{
  Query *query = data;

  g_clear_object (&query->workspace);
  g_free (query->path);
  filters_clear (&query->filters);
  g_clear_pointer (&query->seqs, g_array_unref);
  g_free (query);
}

/* Runs on a worker thread and reads only the task's own copy of the
 * filters. */
static gboolean
run_query (Query         *query,
           sqlite3       *db,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GString) sql = g_string_new ("select seq from audit_events");
  sqlite3_stmt *stmt = NULL;
  guint steps = 0;

  if (!is_filtered (&query->filters))
    {
      query->n_items = (guint) MIN (bfg_audit_count (db), G_MAXUINT);
      return TRUE;
    }

  query->seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  append_filters (&query->filters, sql);
  g_string_append (sql, " order by seq");

  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Could not read the audit trail: %s", sqlite3_errmsg (db));
      return FALSE;
    }

  bind_filters (&query->filters, stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (query->seqs, seq);

      /* A superseded search stops early rather than finish a scan
       * nobody will see. */
      if ((++steps & 0xfff) == 0 && g_cancellable_is_cancelled (cancellable))
        break;
    }
  sqlite3_finalize (stmt);

  query->n_items = query->seqs->len;
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Query *query = task_data;
  GError *error = NULL;
  sqlite3 *db = NULL;
  gboolean ok;

  /* A connection of its own reads the WAL-mode workspace beside the
   * shared one, so a long search never holds the lock that the main
   * thread takes to show rows; without a file, the shared one it is. */
  if (query->path != NULL &&
      sqlite3_open_v2 (query->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                       NULL) == SQLITE_OK)
    {
      ok = run_query (query, db, cancellable, &error);
      sqlite3_close (db);
    }
  else
    {
      g_clear_pointer (&db, sqlite3_close);
      bfg_workspace_lock (query->workspace);
      ok = run_query (query, bfg_workspace_get_db (query->workspace), cancellable, &error);
      bfg_workspace_unlock (query->workspace);
    }

  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
page_free (gpointer data)
{
  Page *page = data;

  g_ptr_array_unref (page->items);
  g_free (page);
}

static void
clear_pages (BfgAuditList *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear_full (&self->lru, page_free);
  g_hash_table_remove_all (self->pending);
  self->generation++;
}

static void
set_loading (BfgAuditList *self,
             gboolean      loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
on_query_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  BfgAuditList *self = BFG_AUDIT_LIST (object);
  Query *query = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  guint old_n;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("%s", error->message);
          set_loading (self, FALSE);
        }
      return;
    }

  old_n = self->n_items;
  clear_pages (self);
  g_clear_pointer (&self->seqs, g_array_unref);
  self->seqs = g_steal_pointer (&query->seqs);
  self->n_items = query->n_items;
  set_loading (self, FALSE);

  if (old_n != 0 || self->n_items != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Position in the list, in ascending chain order. */
static guint
chain_index (BfgAuditList *self,
             guint         position)
{
  return self->descending ? self->n_items - 1 - position : position;
}

static gint64
seq_at (BfgAuditList *self,
        guint         index)
{
  if (self->seqs != NULL)
    return g_array_index (self->seqs, gint64, index);

  return (gint64) index + 1;
}

/* Reads the rows with seqs first_seq..last_seq that pass the filters;
 * runs on either thread, over whichever connection it is given. */
static GPtrArray *
read_rows (sqlite3       *db,
           const Filters *filters,
           gint64         first_seq,
           gint64         last_seq)
{
  g_autoptr(GString) sql = NULL;
  sqlite3_stmt *stmt = NULL;
  GPtrArray *items = g_ptr_array_new_full (PAGE_SIZE, g_object_unref);

  sql = g_string_new ("select seq, time, actor_id, action, check_id, detail, "
                      "prev_hash, hash from audit_events");
  append_filters (filters, sql);
  g_string_append (sql, " and seq between ?1 and ?2 order by seq");

  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_warning ("Could not read the audit trail: %s", sqlite3_errmsg (db));
      return items;
    }

  bind_filters (filters, stmt);
  sqlite3_bind_int64 (stmt, 1, first_seq);
  sqlite3_bind_int64 (stmt, 2, last_seq);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      BfgAuditEvent event = {
        .seq = sqlite3_column_int64 (stmt, 0),
        .time = (char *) sqlite3_column_text (stmt, 1),
        .actor = (char *) sqlite3_column_text (stmt, 2),
        .action = (char *) sqlite3_column_text (stmt, 3),
        .check = (char *) sqlite3_column_text (stmt, 4),
        .detail = (char *) sqlite3_column_text (stmt, 5),
        .prev_hash = (char *) sqlite3_column_text (stmt, 6),
        .hash = (char *) sqlite3_column_text (stmt, 7),
      };

      g_ptr_array_add (items, bfg_audit_item_new (&event));
    }
  sqlite3_finalize (stmt);

  return items;
}

static GPtrArray *
lookup_page (BfgAuditList *self,
             guint         page)
{
  GList *link = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));

  if (link == NULL)
    return NULL;

  /* Most recently used at the head. */
  g_queue_unlink (&self->lru, link);
  g_queue_push_head_link (&self->lru, link);

  return ((Page *) link->data)->items;
}

static void
insert_page (BfgAuditList *self,
             guint         page,
             GPtrArray    *items)
{
  Page *entry = g_new0 (Page, 1);

  entry->page = page;
  entry->items = items;
  g_queue_push_head (&self->lru, entry);
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), self->lru.head);

  while (self->lru.length > MAX_PAGES)
    {
      Page *oldest = g_queue_pop_tail (&self->lru);

      g_hash_table_remove (self->pages, GUINT_TO_POINTER (oldest->page));
      page_free (oldest);
    }
}

static guint
n_pages (BfgAuditList *self)
{
  return (self->n_items + PAGE_SIZE - 1) / PAGE_SIZE;
}

static void
page_range (BfgAuditList *self,
            guint         page,
            gint64       *first_seq,
            gint64       *last_seq)
{
  guint first = page * PAGE_SIZE;
  guint last = MIN (first + PAGE_SIZE, self->n_items) - 1;

  *first_seq = seq_at (self, first);
  *last_seq = seq_at (self, last);
}

typedef struct
{
  guint      page;
  guint      generation;
  gint64     first_seq;
  gint64     last_seq;
  char      *path;
  Filters    filters;
  GPtrArray *items;
} ReadAhead;

static void
read_ahead_free (gpointer data)
{
  ReadAhead *ahead = data;

  g_free (ahead->path);
  filters_clear (&ahead->filters);
  g_clear_pointer (&ahead->items, g_ptr_array_unref);
  g_free (ahead);
}

static void
read_ahead_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  BfgAuditList *self = BFG_AUDIT_LIST (source_object);
  ReadAhead *ahead = task_data;

  g_mutex_lock (&self->reader_lock);
  if (self->reader == NULL &&
      sqlite3_open_v2 (ahead->path, &self->reader,
                       SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    g_clear_pointer (&self->reader, sqlite3_close);

  if (self->reader != NULL && !g_cancellable_is_cancelled (cancellable))
    ahead->items = read_rows (self->reader, &ahead->filters,
                              ahead->first_seq, ahead->last_seq);
  g_mutex_unlock (&self->reader_lock);

  g_task_return_boolean (task, ahead->items != NULL);
}

static void
on_read_ahead_done_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  BfgAuditList *self = BFG_AUDIT_LIST (object);
  ReadAhead *ahead = g_task_get_task_data (G_TASK (result));

  if (ahead->generation != self->generation)
    return;

  g_hash_table_remove (self->pending, GUINT_TO_POINTER (ahead->page));
  if (g_task_propagate_boolean (G_TASK (result), NULL) &&
      !g_hash_table_contains (self->pages, GUINT_TO_POINTER (ahead->page)))
    insert_page (self, ahead->page, g_steal_pointer (&ahead->items));
}

static void
read_ahead (BfgAuditList *self,
            guint         page)
{
  g_autoptr(GTask) task = NULL;
  const char *path = bfg_workspace_get_path (self->workspace);
  ReadAhead *ahead;

  /* Without a file there is no second connection to read from. */
  if (path == NULL || self->cancellable == NULL || page >= n_pages (self) ||
      g_hash_table_contains (self->pages, GUINT_TO_POINTER (page)) ||
      g_hash_table_contains (self->pending, GUINT_TO_POINTER (page)) ||
      g_hash_table_size (self->pending) >= MAX_PENDING)
    return;

  ahead = g_new0 (ReadAhead, 1);
  ahead->page = page;
  ahead->generation = self->generation;
  ahead->path = g_strdup (path);
  filters_copy (&ahead->filters, &self->filters);
  page_range (self, page, &ahead->first_seq, &ahead->last_seq);
  g_hash_table_add (self->pending, GUINT_TO_POINTER (page));

  task = g_task_new (self, self->cancellable, on_read_ahead_done_cb, NULL);
  g_task_set_source_tag (task, read_ahead);
  g_task_set_task_data (task, ahead, read_ahead_free);
  g_task_run_in_thread (task, read_ahead_thread);
}

static GType
bfg_audit_list_get_item_type (GListModel *model)
{
  return BFG_TYPE_AUDIT_ITEM;
}

static guint
bfg_audit_list_get_n_items (GListModel *model)
{
  return BFG_AUDIT_LIST (model)->n_items;
}

static gpointer
bfg_audit_list_get_item (GListModel *model,
                         guint       position)
{
  BfgAuditList *self = BFG_AUDIT_LIST (model);
  GPtrArray *items;
  guint index;
  guint page;

  if (position >= self->n_items)
    return NULL;

  index = chain_index (self, position);
  page = index / PAGE_SIZE;
  items = lookup_page (self, page);

  if (items == NULL)
    {
      gint64 first_seq;
      gint64 last_seq;

      page_range (self, page, &first_seq, &last_seq);
      bfg_workspace_lock (self->workspace);
      items = read_rows (bfg_workspace_get_db (self->workspace), &self->filters,
                         first_seq, last_seq);
      bfg_workspace_unlock (self->workspace);
      insert_page (self, page, items);
    }

  /* The pages on either side are the next ones a scroll shows. */
  if (index % PAGE_SIZE == 0 || index % PAGE_SIZE == PAGE_SIZE - 1 ||
      !g_hash_table_contains (self->pages, GUINT_TO_POINTER (page + 1)) ||
      (page > 0 && !g_hash_table_contains (self->pages, GUINT_TO_POINTER (page - 1))))
    {
      read_ahead (self, page + 1);
      if (page > 0)
        read_ahead (self, page - 1);
    }

  if (index % PAGE_SIZE >= items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (items, index % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = bfg_audit_list_get_item_type;
  iface->get_n_items = bfg_audit_list_get_n_items;
  iface->get_item = bfg_audit_list_get_item;
}

static void
bfg_audit_list_dispose (GObject *object)
{
  BfgAuditList *self = BFG_AUDIT_LIST (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (bfg_audit_list_parent_class)->dispose (object);
}

static void
bfg_audit_list_finalize (GObject *object)
{
  BfgAuditList *self = BFG_AUDIT_LIST (object);

  g_clear_object (&self->workspace);
  filters_clear (&self->filters);
  g_clear_pointer (&self->seqs, g_array_unref);
  g_queue_clear_full (&self->lru, page_free);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->reader, sqlite3_close);
  g_mutex_clear (&self->reader_lock);

  G_OBJECT_CLASS (bfg_audit_list_parent_class)->finalize (object);
}

static void
bfg_audit_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BfgAuditList *self = BFG_AUDIT_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_audit_list_class_init (BfgAuditListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bfg_audit_list_dispose;
  object_class->finalize = bfg_audit_list_finalize;
  object_class->get_property = bfg_audit_list_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bfg_audit_list_init (BfgAuditList *self)
{
  self->pages = g_hash_table_new (NULL, NULL);
  self->pending = g_hash_table_new (NULL, NULL);
  g_queue_init (&self->lru);
  g_mutex_init (&self->reader_lock);
}

/**
 * bfg_audit_list_new:
 * @workspace: the workspace whose audit trail to list
 *
 * Returns: (transfer full): a list of #BfgAuditItem, oldest first
 */
BfgAuditList *
bfg_audit_list_new (BfgWorkspace *workspace)
{
  BfgAuditList *self;

  g_return_val_if_fail (BFG_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (BFG_TYPE_AUDIT_LIST, NULL);
  self->workspace = g_object_ref (workspace);
  bfg_audit_list_reload (self);

  return self;
}

/**
 * bfg_audit_list_reload:
 * @self: a #BfgAuditList
 *
 * Reads the trail again, after new events were appended or a filter
 * changed. The read happens on a worker thread; the list changes, and
 * #BfgAuditList:loading turns off, once it is done.
 */
void
bfg_audit_list_reload (BfgAuditList *self)
{
  g_autoptr(GTask) task = NULL;
  Query *query;

  g_return_if_fail (BFG_IS_AUDIT_LIST (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  query = g_new0 (Query, 1);
  query->workspace = g_object_ref (self->workspace);
  query->path = g_strdup (bfg_workspace_get_path (self->workspace));
  filters_copy (&query->filters, &self->filters);

  set_loading (self, TRUE);
  task = g_task_new (self, self->cancellable, on_query_done_cb, NULL);
  g_task_set_source_tag (task, bfg_audit_list_reload);
  g_task_set_task_data (task, query, query_free);
  g_task_run_in_thread (task, query_thread);
}

/**
 * bfg_audit_list_get_loading:
 * @self: a #BfgAuditList
 *
 * Returns: whether a reload is still reading the trail
 */
gboolean
bfg_audit_list_get_loading (BfgAuditList *self)
{
  g_return_val_if_fail (BFG_IS_AUDIT_LIST (self), FALSE);

  return self->loading;
}

static void
set_filter (BfgAuditList  *self,
            char         **field,
            const char    *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;

  if (g_set_str (field, value))
    bfg_audit_list_reload (self);
}

void
bfg_audit_list_set_actor (BfgAuditList *self,
                          const char   *actor_id)
{
  g_return_if_fail (BFG_IS_AUDIT_LIST (self));
  set_filter (self, &self->filters.actor_id, actor_id);
}

void
bfg_audit_list_set_section (BfgAuditList *self,
                            const char   *section_id)
{
  g_return_if_fail (BFG_IS_AUDIT_LIST (self));
  set_filter (self, &self->filters.section_id, section_id);
}

void
bfg_audit_list_set_check (BfgAuditList *self,
                          const char   *check_id)
{
  g_return_if_fail (BFG_IS_AUDIT_LIST (self));
  set_filter (self, &self->filters.check_id, check_id);
}

void
bfg_audit_list_set_text (BfgAuditList *self,
                         const char   *text)
{
  g_return_if_fail (BFG_IS_AUDIT_LIST (self));
  set_filter (self, &self->filters.text, text);
}

void
bfg_audit_list_set_descending (BfgAuditList *self,
                               gboolean      descending)
{
  g_return_if_fail (BFG_IS_AUDIT_LIST (self));

  descending = !!descending;
  if (self->descending == descending)
    return;

  self->descending = descending;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, self->n_items, self->n_items);
}

gboolean
bfg_audit_list_get_descending (BfgAuditList *self)
{
  g_return_val_if_fail (BFG_IS_AUDIT_LIST (self), FALSE);

  return self->descending;
}
