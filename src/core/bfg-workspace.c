/* bfg-workspace.c: the workspace (ScenarioStore.v1 on sqlite)
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One sqlite file holds the scenario and the console's state. Opening is
 * careful: a file that is not a workspace, or is newer than this program,
 * is refused from its header before sqlite sees it, so that refusing
 * never writes a byte. Every change and its audit event commit in one
 * BEGIN IMMEDIATE transaction.
 *
 * One connection serves every thread, behind a recursive lock that every
 * use of it holds (bfg_workspace_lock()). The sign-off changes also have
 * _async variants that run in a worker thread on that same connection:
 * a change reads the facts it guards on, and renders the packet it binds,
 * inside its own write transaction, through the same helpers the readers
 * use, so a connection of its own for writes would split that one
 * transaction in two. The lock makes the worker's transaction and the
 * main thread's reads take turns; the wait for another program's write
 * lock, which can last the whole busy timeout, is spent outside the lock
 * (see begin_write()), so the main thread never waits behind it.
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "bfg-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bfg-audit.h"
#include "bfg-core-resources.h"
#include "bfg-engine-private.h"
#include "bfg-error.h"
#include "bfg-workspace.h"

#define SQLITE_MAGIC "SQLite format 3"
#define DEFAULT_BUSY_TIMEOUT_MS 2000
#define WRITE_RETRY_US (5 * 1000)

struct _BfgWorkspace
{
  GObject       parent_instance;

  char         *path;
  char         *warning;
  sqlite3      *db;
  gboolean      read_only;
  int           busy_timeout_ms;
  GRecMutex     mutex;
  GMainContext *context;
};

G_DEFINE_FINAL_TYPE (BfgWorkspace, bfg_workspace, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_READ_ONLY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Forward migrations: entry i brings a workspace from version i to i+1. */
static const char * const migration_v1[] = {
  "sql/scenario.sql",
  "sql/console.sql",
  NULL,
};

static const char * const * const migrations[] = {
  migration_v1,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == BFG_WORKSPACE_SCHEMA_VERSION);

static char *
load_sql (const char  *name,
          GError     **error)
{
  g_autofree char *path = g_strconcat ("/com/bfgcontrol/Console/core/", name,
                                       NULL);
  g_autoptr(GBytes) bytes = NULL;

  /* Asking the resource object directly keeps the static library's
   * resource linked in. */
  bytes = g_resource_lookup_data (bfg_core_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Below this, an I/O error of sqlite is taken for a full disk: sqlite
 * reports a file it cannot grow (the -shm or the -wal) as an I/O error
 * rather than SQLITE_FULL. */
#define DISK_FULL_BYTES (1024 * 1024)

static gboolean
disk_is_full (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) dir = g_file_get_parent (file);
  g_autoptr(GFileInfo) info = NULL;

  if (dir == NULL)
    return FALSE;

  info = g_file_query_filesystem_info (dir, G_FILE_ATTRIBUTE_FILESYSTEM_FREE,
                                       NULL, NULL);

  return info != NULL &&
         g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE) &&
         g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE) <
           DISK_FULL_BYTES;
}

static gboolean
set_db_error (sqlite3     *db,
              const char  *path,
              GError     **error)
{
  int code = db != NULL ? sqlite3_extended_errcode (db) & 0xff : SQLITE_CANTOPEN;
  const char *message = db != NULL ? sqlite3_errmsg (db) : "";
  g_autofree char *name = g_filename_display_name (path);

  switch (code)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_LOCKED,
                   _("%s is locked by another program; try again when it "
                     "is done"), name);
      break;

    case SQLITE_READONLY:
      g_set_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_READ_ONLY,
                   _("%s is read-only; nothing can be changed in it"), name);
      break;

    case SQLITE_NOTADB:
      g_set_error (error, BFG_WORKSPACE_ERROR,
                   BFG_WORKSPACE_ERROR_NOT_A_WORKSPACE,
                   _("%s is not a workspace"), name);
      break;

    case SQLITE_CORRUPT:
      g_set_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_CORRUPT,
                   _("%s is damaged: %s"), name, message);
      break;

    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      if (code == SQLITE_FULL || disk_is_full (path))
        {
          g_set_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_DISK_FULL,
                       _("The disk that holds %s is full: free some space "
                         "and try again. Nothing was changed."), name);
          break;
        }
      G_GNUC_FALLTHROUGH;

    default:
      g_set_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_IO,
                   _("%s could not be read or written: %s"), name, message);
      break;
    }

  return FALSE;
}

static int
busy_timeout_ms (void)
{
  const char *env = g_getenv ("BFG_BUSY_TIMEOUT_MS");

  return env != NULL ? (int) g_ascii_strtoll (env, NULL, 10)
                     : DEFAULT_BUSY_TIMEOUT_MS;
}

/* Reads the 100-byte sqlite header without sqlite, so that refusing a
 * file cannot write to it. */
static gboolean
check_header (const char  *path,
              gboolean    *is_wal,
              GError     **error)
{
  g_autofree char *name = g_filename_display_name (path);
  guchar header[100];
  guint32 version;
  ssize_t n;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, BFG_WORKSPACE_ERROR,
                   saved == ENOENT ? BFG_WORKSPACE_ERROR_NOT_FOUND
                                   : BFG_WORKSPACE_ERROR_IO,
                   _("%s cannot be opened: %s"), name, g_strerror (saved));
      return FALSE;
    }

  n = read (fd, header, sizeof header);
  close (fd);

  if (n < (ssize_t) sizeof header ||
      memcmp (header, SQLITE_MAGIC, sizeof SQLITE_MAGIC) != 0)
    {
      g_set_error (error, BFG_WORKSPACE_ERROR,
                   BFG_WORKSPACE_ERROR_NOT_A_WORKSPACE,
                   _("%s is not a workspace: it is not a sqlite database"),
                   name);
      return FALSE;
    }

  /* Offset 60 holds PRAGMA user_version, big-endian. */
  version = ((guint32) header[60] << 24) | ((guint32) header[61] << 16) |
            ((guint32) header[62] << 8) | header[63];
  if (version > BFG_WORKSPACE_SCHEMA_VERSION)
    {
      g_set_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_TOO_NEW,
                   _("%s was written by a newer console (schema %u; this "
                     "one reads up to %u); update the console to open it"),
                   name, version, BFG_WORKSPACE_SCHEMA_VERSION);
      return FALSE;
    }

  /* Offsets 18 and 19 are 2 in WAL mode. */
  *is_wal = header[18] == 2 && header[19] == 2;

  return TRUE;
}

static gboolean
path_is_writable (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  struct stat st;

  if (g_stat (path, &st) != 0)
    return FALSE;

  /* A file without any write bit is read-only even for root, who would
   * pass access(). */
  if ((st.st_mode & 0222) == 0)
    return FALSE;

  return access (path, W_OK) == 0 && access (dir, W_OK) == 0;
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          const char  *path,
          GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_db_error (db, path, error);

  return TRUE;
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           gint64      *value,
           const char  *path,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return set_db_error (db, path, error);

  rc = sqlite3_step (stmt);
  *value = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_db_error (db, path, error);

  return TRUE;
}

static gboolean
migrate (sqlite3     *db,
         gint64       from,
         const char  *path,
         GError     **error)
{
  g_autofree char *pragma = NULL;

  if (!exec_sql (db, "begin immediate", path, error))
    return FALSE;

  for (gint64 v = from; v < BFG_WORKSPACE_SCHEMA_VERSION; v++)
    for (guint i = 0; migrations[v][i] != NULL; i++)
      {
        g_autofree char *sql = load_sql (migrations[v][i], error);

        if (sql == NULL || !exec_sql (db, sql, path, error))
          {
            sqlite3_exec (db, "rollback", NULL, NULL, NULL);
            return FALSE;
          }
      }

  pragma = g_strdup_printf ("pragma user_version = %d",
                            BFG_WORKSPACE_SCHEMA_VERSION);
  if (!exec_sql (db, pragma, path, error) ||
      !exec_sql (db, "commit", path, error))
    {
      sqlite3_exec (db, "rollback", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

static gboolean
on_changed_idle (gpointer data)
{
  g_signal_emit (data, signals[CHANGED], 0);

  return G_SOURCE_REMOVE;
}

static void
emit_changed (BfgWorkspace *self)
{
  /* Models refresh on the context that made the workspace, whichever
   * thread committed the change. */
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT,
                              on_changed_idle,
                              g_object_ref (self), g_object_unref);
}

static void
bfg_workspace_finalize (GObject *object)
{
  BfgWorkspace *self = (BfgWorkspace *) object;

  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->warning, g_free);
  g_rec_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (bfg_workspace_parent_class)->finalize (object);
}

static void
bfg_workspace_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BfgWorkspace *self = BFG_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_workspace_class_init (BfgWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bfg_workspace_finalize;
  object_class->get_property = bfg_workspace_get_property;

  /**
   * BfgWorkspace:path:
   *
   * The workspace file.
   */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * BfgWorkspace:read-only:
   *
   * Whether every change is refused.
   */
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BfgWorkspace::changed:
   *
   * Emitted on the workspace's main context after a change committed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bfg_workspace_init (BfgWorkspace *self)
{
  g_rec_mutex_init (&self->mutex);
  self->context = g_main_context_ref_thread_default ();
}

/**
 * bfg_workspace_dup_default_path:
 *
 * Returns: (transfer full): $XDG_DATA_HOME/com.bfgcontrol.Console/
 *   workspace.sqlite
 */
char *
bfg_workspace_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), BASE_APP_ID,
                           "workspace.sqlite", NULL);
}

/**
 * bfg_workspace_write_demo:
 * @path: where to write the workspace
 * @force: replace an existing file
 * @error: return location for a #GError
 *
 * Writes a fresh demo workspace: the state of the web console, with no
 * write recorded yet. It is built in a temporary file next to @path and
 * renamed over it, so a crash never leaves half a workspace. The
 * directory is made 0700 and the file 0600.
 *
 * Returns: %TRUE on success
 */
gboolean
bfg_workspace_write_demo (const char  *path,
                          gboolean     force,
                          GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *demo = NULL;
  g_autofree char *name = NULL;
  sqlite3 *db = NULL;
  gboolean ok;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);

  name = g_filename_display_name (path);

  if (!force && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_EXISTS,
                   _("%s already exists; use --force to replace it"), name);
      return FALSE;
    }

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_IO,
                   _("The folder for %s cannot be made: %s"), name,
                   g_strerror (saved));
      return FALSE;
    }

  /* sqlite would create the file with the umask's mode; make it 0600
   * first, and the -wal and -shm files follow its mode. */
  tmp = g_strconcat (path, ".new-XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_IO,
                   _("%s cannot be written: %s"), name, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  demo = load_sql ("sql/demo.sql", error);
  if (demo == NULL)
    {
      g_unlink (tmp);
      return FALSE;
    }

  ok = sqlite3_open_v2 (tmp, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK;
  ok = ok ? exec_sql (db, "pragma foreign_keys = on", path, error)
          : set_db_error (db, path, error);
  ok = ok && migrate (db, 0, path, error);
  ok = ok && exec_sql (db, "begin immediate", path, error);
  ok = ok && exec_sql (db, demo, path, error);
  ok = ok && exec_sql (db, "commit", path, error);
  ok = ok && exec_sql (db, "pragma journal_mode = wal", path, error);

  if (sqlite3_close (db) != SQLITE_OK && ok)
    ok = set_db_error (db, path, error);

  if (!ok)
    {
      g_unlink (tmp);
      return FALSE;
    }

  if (force)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      /* The old file's WAL would not match the new file. */
      g_unlink (wal);
      g_unlink (shm);
    }

  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      g_set_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_IO,
                   _("%s cannot be written: %s"), name, g_strerror (saved));
      return FALSE;
    }

  g_debug ("wrote the demo workspace to %s", path);

  return TRUE;
}

static sqlite3 *
open_connection (const char  *path,
                 gboolean     read_only,
                 gboolean     is_wal,
                 int          timeout_ms,
                 GError     **error)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  g_autofree char *uri = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  sqlite3 *db = NULL;
  int flags = SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX;

  if (read_only)
    {
      /* A read-only WAL database would still get -wal and -shm files
       * made next to it. When no writer has a WAL open, nobody can be
       * changing the file, and sqlite may treat it as immutable. */
      gboolean immutable = is_wal && !g_file_test (wal, G_FILE_TEST_EXISTS);

      uri = g_strdup_printf ("file:%s?mode=ro%s", escaped,
                             immutable ? "&immutable=1" : "");
      flags |= SQLITE_OPEN_READONLY;
    }
  else
    {
      uri = g_strdup_printf ("file:%s", escaped);
      flags |= SQLITE_OPEN_READWRITE;
    }

  if (sqlite3_open_v2 (uri, &db, flags, NULL) != SQLITE_OK)
    {
      set_db_error (db, path, error);
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, timeout_ms);

  return db;
}

/* Whoever can write the workspace can forge evidence in it: the console
 * creates it 0600, and says so when it finds it more open than that. */
static char *
dup_permission_warning (const char *path)
{
  g_autofree char *name = NULL;
  GStatBuf st;

  if (g_stat (path, &st) != 0 || (st.st_mode & (S_IWGRP | S_IWOTH)) == 0)
    return NULL;

  name = g_filename_display_name (path);

  /* Translators: %s is a file name, %04o its permission bits, such as
   * 0666; keep "chmod 600" as it is, it is a command */
  return g_strdup_printf (_("Users other than its owner can write %s (mode %04o), "
                            "so they could forge evidence in it; make it "
                            "private with chmod 600"),
                          name, (guint) (st.st_mode & 07777));
}

/**
 * bfg_workspace_open:
 * @path: (nullable): the workspace file, or %NULL for the default path
 * @flags: how to open it
 * @error: return location for a #GError
 *
 * Opens a workspace. A missing file becomes a fresh demo workspace
 * unless @flags say otherwise. A file that is not a workspace, or was
 * written by a newer console, is refused with a #BfgWorkspaceError
 * without a byte written; so is a workspace locked for longer than the
 * busy timeout (2 s).
 *
 * Returns: (transfer full): the workspace, or %NULL on error
 */
BfgWorkspace *
bfg_workspace_open (const char         *path,
                    BfgWorkspaceFlags   flags,
                    GError            **error)
{
  g_autoptr(BfgWorkspace) self = NULL;
  g_autofree char *default_path = NULL;
  gboolean is_wal = FALSE;
  gint64 version = 0;
  gint64 tables = 0;

  if (path == NULL)
    path = default_path = bfg_workspace_dup_default_path ();

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (flags & (BFG_WORKSPACE_FLAGS_NO_CREATE |
                   BFG_WORKSPACE_FLAGS_READ_ONLY))
        {
          g_autofree char *name = g_filename_display_name (path);

          g_set_error (error, BFG_WORKSPACE_ERROR,
                       BFG_WORKSPACE_ERROR_NOT_FOUND,
                       _("There is no workspace at %s"), name);
          return NULL;
        }

      if (!bfg_workspace_write_demo (path, FALSE, error))
        return NULL;
    }

  if (!check_header (path, &is_wal, error))
    return NULL;

  self = g_object_new (BFG_TYPE_WORKSPACE, NULL);
  self->path = g_strdup (path);
  self->read_only = (flags & BFG_WORKSPACE_FLAGS_READ_ONLY) ||
                    !path_is_writable (path);

  self->busy_timeout_ms = busy_timeout_ms ();
  self->db = open_connection (path, self->read_only, is_wal,
                              self->busy_timeout_ms, error);
  if (self->db == NULL)
    return NULL;

  if (!query_int (self->db, "pragma user_version", &version, path, error) ||
      !query_int (self->db,
                  "select count(*) from sqlite_schema "
                  "where type = 'table' and name = 'session_metadata'",
                  &tables, path, error))
    return NULL;

  /* The header can lag behind an uncheckpointed WAL; ask again. */
  if (version > BFG_WORKSPACE_SCHEMA_VERSION)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_TOO_NEW,
                   _("%s was written by a newer console (schema %u; this "
                     "one reads up to %u); update the console to open it"),
                   name, (guint) version, BFG_WORKSPACE_SCHEMA_VERSION);
      return NULL;
    }

  if (version == 0 || (version >= 1 && tables == 0))
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, BFG_WORKSPACE_ERROR,
                   BFG_WORKSPACE_ERROR_NOT_A_WORKSPACE,
                   _("%s is a sqlite database but not a workspace"), name);
      return NULL;
    }

  if (version < BFG_WORKSPACE_SCHEMA_VERSION)
    {
      if (self->read_only)
        {
          g_autofree char *name = g_filename_display_name (path);

          g_set_error (error, BFG_WORKSPACE_ERROR,
                       BFG_WORKSPACE_ERROR_READ_ONLY,
                       _("%s needs an upgrade but is read-only"), name);
          return NULL;
        }

      if (!migrate (self->db, version, path, error))
        return NULL;
    }

  if (!exec_sql (self->db, "pragma foreign_keys = on", path, error))
    return NULL;

  /* Only a writable workspace may switch journal mode; switching writes. */
  if (!self->read_only && !is_wal &&
      !exec_sql (self->db, "pragma journal_mode = wal", path, error))
    return NULL;

  self->warning = dup_permission_warning (path);
  if (self->warning != NULL)
    g_debug ("%s", self->warning);

  return g_steal_pointer (&self);
}

/**
 * bfg_workspace_get_warning:
 * @self: a workspace
 *
 * A warning about the workspace that the user should see, although the
 * workspace opened: for now, that users other than its owner can write
 * the file, and so forge evidence and sign-offs in it.
 *
 * Returns: (nullable): the translated warning, or %NULL
 */
const char *
bfg_workspace_get_warning (BfgWorkspace *self)
{
  g_return_val_if_fail (BFG_IS_WORKSPACE (self), NULL);

  return self->warning;
}

/**
 * bfg_workspace_get_path:
 * @self: a workspace
 *
 * Returns: the workspace file
 */
const char *
bfg_workspace_get_path (BfgWorkspace *self)
{
  g_return_val_if_fail (BFG_IS_WORKSPACE (self), NULL);

  return self->path;
}

/**
 * bfg_workspace_is_read_only:
 * @self: a workspace
 *
 * Returns: %TRUE if every change is refused
 */
gboolean
bfg_workspace_is_read_only (BfgWorkspace *self)
{
  g_return_val_if_fail (BFG_IS_WORKSPACE (self), TRUE);

  return self->read_only;
}

/**
 * bfg_workspace_get_db:
 * @self: a workspace
 *
 * The connection, for other core modules' reads. Hold
 * bfg_workspace_lock() around its use when other threads may use the
 * workspace too.
 *
 * Returns: (transfer none): the sqlite connection
 */
sqlite3 *
bfg_workspace_get_db (BfgWorkspace *self)
{
  g_return_val_if_fail (BFG_IS_WORKSPACE (self), NULL);

  return self->db;
}

/**
 * bfg_workspace_lock:
 * @self: a workspace
 *
 * Takes the workspace's recursive lock; every workspace call takes it, so
 * a sequence of statements on the connection is not interleaved with
 * another thread's transaction.
 */
void
bfg_workspace_lock (BfgWorkspace *self)
{
  g_return_if_fail (BFG_IS_WORKSPACE (self));

  g_rec_mutex_lock (&self->mutex);
}

/**
 * bfg_workspace_unlock:
 * @self: a workspace
 *
 * Releases bfg_workspace_lock().
 */
void
bfg_workspace_unlock (BfgWorkspace *self)
{
  g_return_if_fail (BFG_IS_WORKSPACE (self));

  g_rec_mutex_unlock (&self->mutex);
}

static gint64
state_value (BfgWorkspace *self,
             const char   *key)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;

  bfg_workspace_lock (self);
  if (sqlite3_prepare_v2 (self->db,
                          "select value from scenario_state where key = ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  bfg_workspace_unlock (self);

  return value;
}

/**
 * bfg_workspace_get_data_version:
 * @self: a workspace
 *
 * A counter that triggers bump on every change to a scenario table. Key
 * caches of anything that costs O(rows) (such as the snapshot digest) by
 * it.
 *
 * Returns: the data version
 */
gint64
bfg_workspace_get_data_version (BfgWorkspace *self)
{
  g_return_val_if_fail (BFG_IS_WORKSPACE (self), 0);

  return state_value (self, "data_version");
}

/**
 * bfg_workspace_count_rows:
 * @self: a workspace
 * @table: a scenario table, or "audit_events"
 *
 * Counts rows in constant time, from counters kept by triggers.
 *
 * Returns: the number of rows
 */
gint64
bfg_workspace_count_rows (BfgWorkspace *self,
                          const char   *table)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (BFG_IS_WORKSPACE (self), 0);
  g_return_val_if_fail (table != NULL, 0);

  if (g_str_equal (table, "audit_events"))
    return bfg_workspace_get_audit_count (self);

  key = g_strconcat ("rows.", table, NULL);
  return state_value (self, key);
}

/**
 * bfg_workspace_get_audit_count:
 * @self: a workspace
 *
 * Returns: the number of audit events, in constant time
 */
gint64
bfg_workspace_get_audit_count (BfgWorkspace *self)
{
  gint64 count;

  g_return_val_if_fail (BFG_IS_WORKSPACE (self), 0);

  bfg_workspace_lock (self);
  count = bfg_audit_count (self->db);
  bfg_workspace_unlock (self);

  return count;
}

/**
 * bfg_workspace_dup_last_write:
 * @self: a workspace
 *
 * Returns: (transfer full) (nullable): the time of the last audited
 *   change, or %NULL when nothing was written yet
 */
char *
bfg_workspace_dup_last_write (BfgWorkspace *self)
{
  char *time;

  g_return_val_if_fail (BFG_IS_WORKSPACE (self), NULL);

  bfg_workspace_lock (self);
  time = bfg_audit_dup_last_time (self->db);
  bfg_workspace_unlock (self);

  return time;
}

static char *
lookup_text (BfgWorkspace *self,
             const char   *sql,
             const char   *arg1,
             const char   *arg2)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  bfg_workspace_lock (self);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, arg1, -1, SQLITE_STATIC);
      if (arg2 != NULL)
        sqlite3_bind_text (stmt, 2, arg2, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  bfg_workspace_unlock (self);

  return value;
}

/**
 * bfg_workspace_dup_session_value:
 * @self: a workspace
 * @key: a session metadata key: "session", "storage", "auth", "tenant",
 *   "target", "rollback-owner", "adapter-contract", "release-environment"
 *
 * Returns: (transfer full) (nullable): the value
 */
char *
bfg_workspace_dup_session_value (BfgWorkspace *self,
                                 const char   *key)
{
  g_return_val_if_fail (BFG_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return lookup_text (self,
                      "select value from session_metadata where key = ?",
                      key, NULL);
}

/**
 * bfg_workspace_actor_exists:
 * @self: a workspace
 * @actor_id: an actor id
 *
 * Returns: %TRUE if the workspace has that actor
 */
gboolean
bfg_workspace_actor_exists (BfgWorkspace *self,
                            const char   *actor_id)
{
  g_autofree char *found = NULL;

  g_return_val_if_fail (BFG_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (actor_id != NULL, FALSE);

  found = lookup_text (self, "select user_id from users where user_id = ?",
                       actor_id, NULL);
  return found != NULL;
}

/**
 * bfg_workspace_actor_has_permission:
 * @self: a workspace
 * @actor_id: an actor id
 * @permission: a permission, such as "bundle.export"
 *
 * Returns: %TRUE if the actor holds the permission
 */
gboolean
bfg_workspace_actor_has_permission (BfgWorkspace *self,
                                    const char   *actor_id,
                                    const char   *permission)
{
  g_autofree char *found = NULL;

  g_return_val_if_fail (BFG_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (actor_id != NULL, FALSE);
  g_return_val_if_fail (permission != NULL, FALSE);

  found = lookup_text (self,
                       "select permission from user_permissions "
                       "where user_id = ? and permission = ?",
                       actor_id, permission);
  return found != NULL;
}

/**
 * bfg_workspace_dup_actor_name:
 * @self: a workspace
 * @actor_id: an actor id
 *
 * Returns: (transfer full) (nullable): the actor's display name
 */
char *
bfg_workspace_dup_actor_name (BfgWorkspace *self,
                              const char   *actor_id)
{
  g_return_val_if_fail (BFG_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (actor_id != NULL, NULL);

  return lookup_text (self,
                      "select display_name from users where user_id = ?",
                      actor_id, NULL);
}

/* Starts the write transaction of one change; holds the lock until
 * end_write().
 *
 * BEGIN IMMEDIATE waits, up to the busy timeout, while another program
 * holds the write lock. It must not wait holding the workspace lock: a
 * change in a worker thread would then stall every read of the main
 * thread for as long. So sqlite's busy handler is off for that one
 * statement, and between tries the workspace lock is let go. The handler
 * is put back before the lock is, so no other use of the connection sees
 * it off. @cancellable ends the wait, before anything is written. */
static gboolean
begin_write (BfgWorkspace  *self,
             GCancellable  *cancellable,
             GError       **error)
{
  gint64 deadline;

  if (self->read_only)
    {
      g_autofree char *name = g_filename_display_name (self->path);

      g_set_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_READ_ONLY,
                   _("%s is read-only; nothing can be changed in it"), name);
      return FALSE;
    }

  deadline = g_get_monotonic_time () + (gint64) self->busy_timeout_ms * 1000;

  for (;;)
    {
      gboolean busy;
      int rc;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      bfg_workspace_lock (self);
      sqlite3_busy_timeout (self->db, 0);
      rc = sqlite3_exec (self->db, "begin immediate", NULL, NULL, NULL);
      busy = (rc & 0xff) == SQLITE_BUSY &&
             g_get_monotonic_time () < deadline;
      if (rc != SQLITE_OK && !busy)
        set_db_error (self->db, self->path, error);
      sqlite3_busy_timeout (self->db, self->busy_timeout_ms);

      if (rc == SQLITE_OK)
        return TRUE;

      bfg_workspace_unlock (self);

      if (!busy)
        return FALSE;

      g_usleep (WRITE_RETRY_US);
    }
}

/* Commits or rolls back, and lets the lock go. Emitting
 * BfgWorkspace::changed is the caller's: finish_write() does it at once,
 * an _async change when it is back in the caller's context. */
static gboolean
end_write (BfgWorkspace  *self,
           gboolean       ok,
           GError       **error)
{
  if (ok && sqlite3_exec (self->db, "commit", NULL, NULL, NULL) != SQLITE_OK)
    ok = set_db_error (self->db, self->path, error);

  if (!ok)
    sqlite3_exec (self->db, "rollback", NULL, NULL, NULL);

  bfg_workspace_unlock (self);

  return ok;
}

static gboolean
finish_write (BfgWorkspace  *self,
              gboolean       ok,
              GError       **error)
{
  ok = end_write (self, ok, error);

  if (ok)
    emit_changed (self);

  return ok;
}

static char *
now_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static gboolean
run_insert (BfgWorkspace  *self,
            const char    *sql,
            GError       **error,
            const char    *first_type,
            ...)
{
  sqlite3_stmt *stmt = NULL;
  va_list args;
  int index = 1;
  int rc;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return set_db_error (self->db, self->path, error);

  /* Pairs of ("t", const char *) or ("i", gint64), ending with NULL. */
  va_start (args, first_type);
  for (const char *type = first_type; type != NULL;
       type = va_arg (args, const char *))
    {
      if (type[0] == 'i')
        sqlite3_bind_int64 (stmt, index++, va_arg (args, gint64));
      else
        sqlite3_bind_text (stmt, index++, va_arg (args, const char *), -1,
                           SQLITE_TRANSIENT);
    }
  va_end (args);

  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return set_db_error (self->db, self->path, error);

  return TRUE;
}

static gboolean
insert_evidence (BfgWorkspace  *self,
                 const char    *actor_id,
                 const char    *check_id,
                 const char    *action,
                 const char    *kind,
                 gboolean       passed,
                 const char    *value,
                 const char    *detail,
                 GError       **error)
{
  g_autofree char *time = now_utc ();
  g_autofree char *checksum = NULL;
  g_autofree char *audit_detail = NULL;
  gint64 seq;

  /* What an acceptance binds: for a note, the note as recorded (so a new
   * note makes an old acceptance stale); for a choice, the value; for a
   * step, its result and the value it pins (a fingerprint, a transcript
   * checksum). */
  if (g_str_equal (kind, "note"))
    checksum = bfg_checksum_fields ("note", check_id, actor_id,
                                    value != NULL ? value : "", time, NULL);
  else if (g_str_equal (kind, "choice"))
    checksum = bfg_checksum_fields ("choice", value, NULL);
  else
    checksum = bfg_checksum_fields (kind, passed ? "pass" : "fail",
                                    value != NULL ? value :
                                    detail != NULL ? detail : "", NULL);

  audit_detail = g_strdup_printf ("%s%s%s", passed ? "" : "failed; ",
                                  value != NULL ? "value=" : "",
                                  value != NULL ? value : "");

  seq = bfg_audit_append (self->db, actor_id, action, check_id,
                          *audit_detail != '\0' ? audit_detail : NULL, error);
  if (seq == 0)
    return FALSE;

  return run_insert (self,
                     "insert into evidence (check_id, actor_id, kind, passed, "
                     "value, detail, checksum, recorded_at, audit_seq) "
                     "values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     error,
                     "t", check_id, "t", actor_id, "t", kind,
                     "i", (gint64) (passed ? 1 : 0), "t", value,
                     "t", detail, "t", checksum, "t", time, "i", seq, NULL);
}

static gboolean
guard (BfgWorkspace  *self,
       const char    *actor_id,
       const char    *check_id,
       BfgAction      action,
       BfgEval      **eval_out,
       GError       **error)
{
  g_autoptr(BfgEval) eval = bfg_eval_new (self, error);

  if (eval == NULL ||
      !bfg_eval_check_action (eval, actor_id, check_id, action, error))
    return FALSE;

  if (eval_out != NULL)
    *eval_out = g_steal_pointer (&eval);

  return TRUE;
}

/* The sign-off changes. Each runs its guard and its writes in one
 * transaction and leaves BfgWorkspace::changed to its caller, so that one
 * function serves both the blocking call and the _async one. @text is the
 * note, or the chosen value. */
typedef gboolean (*ChangeFunc) (BfgWorkspace  *self,
                                const char    *actor_id,
                                const char    *check_id,
                                const char    *text,
                                GCancellable  *cancellable,
                                GError       **error);

static gboolean
record_change (BfgWorkspace  *self,
               const char    *actor_id,
               const char    *check_id,
               const char    *note,
               GCancellable  *cancellable,
               GError       **error)
{
  gboolean ok;

  if (!begin_write (self, cancellable, error))
    return FALSE;

  ok = guard (self, actor_id, check_id, BFG_ACTION_RECORD, NULL, error) &&
       insert_evidence (self, actor_id, check_id, "check.record", "note",
                        TRUE, note != NULL ? note : "", NULL, error);

  return end_write (self, ok, error);
}

static gboolean
choose_change (BfgWorkspace  *self,
               const char    *actor_id,
               const char    *check_id,
               const char    *value,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *trimmed = NULL;
  gboolean ok;

  trimmed = g_strstrip (g_strdup (value != NULL ? value : ""));
  if (*trimmed == '\0' || !g_utf8_validate (trimmed, -1, NULL))
    {
      g_set_error (error, BFG_CHECK_ERROR, BFG_CHECK_ERROR_INVALID_VALUE,
                   _("A chosen value cannot be empty"));
      return FALSE;
    }

  if (!begin_write (self, cancellable, error))
    return FALSE;

  ok = guard (self, actor_id, check_id, BFG_ACTION_CHOOSE, NULL, error) &&
       insert_evidence (self, actor_id, check_id, "check.choose", "choice",
                        TRUE, trimmed, NULL, error);

  return end_write (self, ok, error);
}

static gboolean
accept_change (BfgWorkspace  *self,
               const char    *actor_id,
               const char    *check_id,
               const char    *note,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(BfgEval) eval = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *value = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *time = NULL;
  const BfgCheckFacts *facts;
  gboolean ok = FALSE;
  gint64 seq;

  if (!begin_write (self, cancellable, error))
    return FALSE;

  if (!guard (self, actor_id, check_id, BFG_ACTION_ACCEPT, &eval, error))
    goto out;

  facts = bfg_eval_get_facts (eval, check_id);
  checksum = bfg_eval_dup_binding (eval, check_id, &value);
  time = now_utc ();
  detail = g_strdup_printf ("bound=%s%s%s", checksum,
                            note != NULL ? "; note=" : "",
                            note != NULL ? note : "");

  seq = bfg_audit_append (self->db, actor_id, "check.accept", check_id,
                          detail, error);
  if (seq == 0)
    goto out;

  /* A stale acceptance gives way to the new one. */
  if (facts->acceptance_id != 0 &&
      !run_insert (self,
                   "update acceptances set revoked_at = ?, revoked_by = ?, "
                   "revoke_seq = ? where acceptance_id = ?",
                   error, "t", time, "t", actor_id, "i", seq,
                   "i", facts->acceptance_id, NULL))
    goto out;

  ok = run_insert (self,
                   "insert into acceptances (check_id, actor_id, evidence_id, "
                   "bound_value, bound_checksum, note, accepted_at, audit_seq) "
                   "values (?, ?, nullif (?, 0), ?, ?, ?, ?, ?)",
                   error, "t", check_id, "t", actor_id,
                   "i", facts->evidence_id, "t", value, "t", checksum,
                   "t", note, "t", time, "i", seq, NULL);

out:
  return end_write (self, ok, error);
}

static gboolean
revoke_change (BfgWorkspace  *self,
               const char    *actor_id,
               const char    *check_id,
               const char    *unused,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(BfgEval) eval = NULL;
  g_autofree char *time = NULL;
  const BfgCheckFacts *facts;
  gboolean ok = FALSE;
  gint64 seq;

  if (!begin_write (self, cancellable, error))
    return FALSE;

  if (!guard (self, actor_id, check_id, BFG_ACTION_REVOKE, &eval, error))
    goto out;

  facts = bfg_eval_get_facts (eval, check_id);
  time = now_utc ();

  seq = bfg_audit_append (self->db, actor_id, "check.revoke", check_id,
                          facts->bound_checksum, error);
  if (seq == 0)
    goto out;

  ok = run_insert (self,
                   "update acceptances set revoked_at = ?, revoked_by = ?, "
                   "revoke_seq = ? where acceptance_id = ?",
                   error, "t", time, "t", actor_id, "i", seq,
                   "i", facts->acceptance_id, NULL);

out:
  return end_write (self, ok, error);
}

static gboolean
run_change (BfgWorkspace  *self,
            ChangeFunc     func,
            const char    *actor_id,
            const char    *check_id,
            const char    *text,
            GError       **error)
{
  if (!func (self, actor_id, check_id, text, NULL, error))
    return FALSE;

  emit_changed (self);

  return TRUE;
}

/* An _async change: what it does, copied for the worker thread. The
 * caller's task holds the workspace until the change is over; the worker's
 * task, which the worker thread may be the last to drop, holds nothing
 * that needs the caller's thread. */
typedef struct
{
  BfgWorkspace *workspace;
  ChangeFunc    func;
  char         *actor_id;
  char         *check_id;
  char         *text;
} Change;

static void
change_free (Change *change)
{
  g_free (change->actor_id);
  g_free (change->check_id);
  g_free (change->text);
  g_free (change);
}

static void
change_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Change *change = task_data;
  GError *error = NULL;

  if (change->func (change->workspace, change->actor_id, change->check_id,
                    change->text, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_change_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Back in the caller's context, BfgWorkspace::changed comes first, so
   * that the models have followed the change by the time the caller hears
   * of it, as they have after the blocking call. */
  emit_changed (g_task_get_source_object (task));
  g_task_return_boolean (task, TRUE);
}

static void
start_change (BfgWorkspace        *self,
              ChangeFunc           func,
              gpointer             source_tag,
              const char          *actor_id,
              const char          *check_id,
              const char          *text,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  Change *change;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  /* Cancelling stops a change that has not begun its transaction. Once
   * begun, it commits or rolls back as a whole, and the result says which:
   * a committed change never comes back as cancelled. */
  g_task_set_check_cancellable (task, FALSE);

  change = g_new0 (Change, 1);
  change->workspace = self;
  change->func = func;
  change->actor_id = g_strdup (actor_id);
  change->check_id = g_strdup (check_id);
  change->text = g_strdup (text);

  worker = g_task_new (NULL, cancellable, on_change_done_cb,
                       g_steal_pointer (&task));
  g_task_set_check_cancellable (worker, FALSE);
  g_task_set_task_data (worker, change, (GDestroyNotify) change_free);
  g_task_run_in_thread (worker, change_thread);
}

/* The end of every _async change: the callback's result, checked to be
 * one of @tag's. */
static gboolean
finish_change (BfgWorkspace  *self,
               GAsyncResult  *result,
               gpointer       tag,
               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, tag), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * bfg_workspace_record:
 * @self: a workspace
 * @actor_id: the acting actor; needs evidence.record
 * @check_id: a %BFG_CHECK_KIND_RECORDED check
 * @note: (nullable): what was rehearsed or checked; never a secret
 * @error: return location for a #GError
 *
 * Records evidence for a check. Whoever records it cannot accept it.
 * bfg_workspace_record_async() does the same without blocking.
 *
 * Returns: %TRUE on success
 */
gboolean
bfg_workspace_record (BfgWorkspace  *self,
                      const char    *actor_id,
                      const char    *check_id,
                      const char    *note,
                      GError       **error)
{
  g_return_val_if_fail (BFG_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (actor_id != NULL, FALSE);
  g_return_val_if_fail (check_id != NULL, FALSE);

  return run_change (self, record_change, actor_id, check_id, note, error);
}

/**
 * bfg_workspace_record_async:
 * @self: a workspace
 * @actor_id: the acting actor; needs evidence.record
 * @check_id: a %BFG_CHECK_KIND_RECORDED check
 * @note: (nullable): what was rehearsed or checked; never a secret
 * @cancellable: (nullable): stops the change while it has not begun
 * @callback: called in the caller's thread-default main context when the
 *   change is over, after #BfgWorkspace::changed when it committed
 * @user_data: data for @callback
 *
 * Like bfg_workspace_record(), in a worker thread: it may wait for another
 * program's lock for as long as the busy timeout.
 */
void
bfg_workspace_record_async (BfgWorkspace        *self,
                            const char          *actor_id,
                            const char          *check_id,
                            const char          *note,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (BFG_IS_WORKSPACE (self));
  g_return_if_fail (actor_id != NULL);
  g_return_if_fail (check_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_change (self, record_change, bfg_workspace_record_async, actor_id,
                check_id, note, cancellable, callback, user_data);
}

/**
 * bfg_workspace_record_finish:
 * @self: a workspace
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the evidence was recorded; otherwise nothing was
 *   written, and @error says why, as bfg_workspace_record() would, or
 *   %G_IO_ERROR_CANCELLED
 */
gboolean
bfg_workspace_record_finish (BfgWorkspace  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return finish_change (self, result, bfg_workspace_record_async, error);
}

/**
 * bfg_workspace_choose:
 * @self: a workspace
 * @actor_id: the acting actor; needs evidence.record
 * @check_id: a %BFG_CHECK_KIND_CHOICE check
 * @value: the chosen value
 * @error: return location for a #GError
 *
 * Chooses a value; the owner then accepts it. Choosing the value that is
 * already accepted keeps the acceptance valid.
 * bfg_workspace_choose_async() does the same without blocking.
 *
 * Returns: %TRUE on success
 */
gboolean
bfg_workspace_choose (BfgWorkspace  *self,
                      const char    *actor_id,
                      const char    *check_id,
                      const char    *value,
                      GError       **error)
{
  g_return_val_if_fail (BFG_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (actor_id != NULL, FALSE);
  g_return_val_if_fail (check_id != NULL, FALSE);

  return run_change (self, choose_change, actor_id, check_id, value, error);
}

/**
 * bfg_workspace_choose_async:
 * @self: a workspace
 * @actor_id: the acting actor; needs evidence.record
 * @check_id: a %BFG_CHECK_KIND_CHOICE check
 * @value: the chosen value
 * @cancellable: (nullable): stops the change while it has not begun
 * @callback: called in the caller's thread-default main context when the
 *   change is over, after #BfgWorkspace::changed when it committed
 * @user_data: data for @callback
 *
 * Like bfg_workspace_choose(), in a worker thread.
 */
void
bfg_workspace_choose_async (BfgWorkspace        *self,
                            const char          *actor_id,
                            const char          *check_id,
                            const char          *value,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (BFG_IS_WORKSPACE (self));
  g_return_if_fail (actor_id != NULL);
  g_return_if_fail (check_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_change (self, choose_change, bfg_workspace_choose_async, actor_id,
                check_id, value, cancellable, callback, user_data);
}

/**
 * bfg_workspace_choose_finish:
 * @self: a workspace
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the value was chosen; otherwise nothing was written
 */
gboolean
bfg_workspace_choose_finish (BfgWorkspace  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return finish_change (self, result, bfg_workspace_choose_async, error);
}

/**
 * bfg_workspace_record_step_evidence:
 * @self: a workspace
 * @actor_id: the actor who ran the probe or dry-run; needs evidence.record
 * @check_id: a probe, dry-run or data batch check
 * @passed: whether the step passed
 * @value: (nullable): what an acceptance binds, such as the TLS
 *   fingerprint or the transcript checksum
 * @detail: (nullable): a line for people, with timing; never a secret
 * @error: return location for a #GError
 *
 * Records one probe or dry-run step's result, with its audit event.
 *
 * Returns: %TRUE on success
 */
gboolean
bfg_workspace_record_step_evidence (BfgWorkspace  *self,
                                    const char    *actor_id,
                                    const char    *check_id,
                                    gboolean       passed,
                                    const char    *value,
                                    const char    *detail,
                                    GError       **error)
{
  const BfgCheckInfo *info;
  gboolean ok;

  g_return_val_if_fail (BFG_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (actor_id != NULL, FALSE);
  g_return_val_if_fail (check_id != NULL, FALSE);

  info = bfg_plan_lookup_check (check_id);

  if (!begin_write (self, NULL, error))
    return FALSE;

  ok = guard (self, actor_id, check_id, BFG_ACTION_RECORD_STEP, NULL,
              error) &&
       insert_evidence (self, actor_id, check_id,
                        info->kind == BFG_CHECK_KIND_PROBE ? "probe.step"
                                                           : "dry-run.step",
                        info->kind == BFG_CHECK_KIND_PROBE ? "probe"
                                                           : "dryrun",
                        passed, value, detail, error);

  return finish_write (self, ok, error);
}

/**
 * bfg_workspace_accept:
 * @self: a workspace
 * @actor_id: the acting actor; needs the check's permission
 * @check_id: the check
 * @note: (nullable): a note with the acceptance
 * @error: return location for a #GError
 *
 * Accepts a check's current evidence, binding its checksum: if the
 * evidence changes afterwards, the check turns stale. Refused when the
 * check is blocked, has no evidence, or the actor recorded the evidence.
 * A stale acceptance is replaced. bfg_workspace_accept_async() does the
 * same without blocking.
 *
 * Returns: %TRUE on success
 */
gboolean
bfg_workspace_accept (BfgWorkspace  *self,
                      const char    *actor_id,
                      const char    *check_id,
                      const char    *note,
                      GError       **error)
{
  g_return_val_if_fail (BFG_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (actor_id != NULL, FALSE);
  g_return_val_if_fail (check_id != NULL, FALSE);

  return run_change (self, accept_change, actor_id, check_id, note, error);
}

/**
 * bfg_workspace_accept_async:
 * @self: a workspace
 * @actor_id: the acting actor; needs the check's permission
 * @check_id: the check
 * @note: (nullable): a note with the acceptance
 * @cancellable: (nullable): stops the change while it has not begun
 * @callback: called in the caller's thread-default main context when the
 *   change is over, after #BfgWorkspace::changed when it committed
 * @user_data: data for @callback
 *
 * Like bfg_workspace_accept(), in a worker thread. The checksum it binds
 * is computed in that thread, inside the change's transaction.
 */
void
bfg_workspace_accept_async (BfgWorkspace        *self,
                            const char          *actor_id,
                            const char          *check_id,
                            const char          *note,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (BFG_IS_WORKSPACE (self));
  g_return_if_fail (actor_id != NULL);
  g_return_if_fail (check_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_change (self, accept_change, bfg_workspace_accept_async, actor_id,
                check_id, note, cancellable, callback, user_data);
}

/**
 * bfg_workspace_accept_finish:
 * @self: a workspace
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the check was accepted; otherwise nothing was written
 */
gboolean
bfg_workspace_accept_finish (BfgWorkspace  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return finish_change (self, result, bfg_workspace_accept_async, error);
}

/**
 * bfg_workspace_revoke:
 * @self: a workspace
 * @actor_id: the acting actor; needs the check's permission
 * @check_id: the check
 * @error: return location for a #GError
 *
 * Revokes the check's active acceptance. bfg_workspace_revoke_async()
 * does the same without blocking.
 *
 * Returns: %TRUE on success
 */
gboolean
bfg_workspace_revoke (BfgWorkspace  *self,
                      const char    *actor_id,
                      const char    *check_id,
                      GError       **error)
{
  g_return_val_if_fail (BFG_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (actor_id != NULL, FALSE);
  g_return_val_if_fail (check_id != NULL, FALSE);

  return run_change (self, revoke_change, actor_id, check_id, NULL, error);
}

/**
 * bfg_workspace_revoke_async:
 * @self: a workspace
 * @actor_id: the acting actor; needs the check's permission
 * @check_id: the check
 * @cancellable: (nullable): stops the change while it has not begun
 * @callback: called in the caller's thread-default main context when the
 *   change is over, after #BfgWorkspace::changed when it committed
 * @user_data: data for @callback
 *
 * Like bfg_workspace_revoke(), in a worker thread.
 */
void
bfg_workspace_revoke_async (BfgWorkspace        *self,
                            const char          *actor_id,
                            const char          *check_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (BFG_IS_WORKSPACE (self));
  g_return_if_fail (actor_id != NULL);
  g_return_if_fail (check_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_change (self, revoke_change, bfg_workspace_revoke_async, actor_id,
                check_id, NULL, cancellable, callback, user_data);
}

/**
 * bfg_workspace_revoke_finish:
 * @self: a workspace
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the acceptance was revoked; otherwise nothing was
 *   written
 */
gboolean
bfg_workspace_revoke_finish (BfgWorkspace  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return finish_change (self, result, bfg_workspace_revoke_async, error);
}

/**
 * bfg_workspace_dup_accepted_value:
 * @self: a workspace
 * @check_id: a check id
 *
 * The value bound to the check's active acceptance, such as the TLS
 * fingerprint the probe pins.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL when the
 *   check has no active acceptance
 */
char *
bfg_workspace_dup_accepted_value (BfgWorkspace *self,
                                  const char   *check_id)
{
  g_return_val_if_fail (BFG_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (check_id != NULL, NULL);

  return lookup_text (self,
                      "select bound_value from acceptances "
                      "where check_id = ? and revoked_at is null",
                      check_id, NULL);
}

/**
 * bfg_workspace_get_setting:
 * @self: a workspace
 * @key: a setting key, such as "endpoint.host"
 *
 * Returns: (transfer full) (nullable): the value
 */
char *
bfg_workspace_get_setting (BfgWorkspace *self,
                           const char   *key)
{
  g_return_val_if_fail (BFG_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return lookup_text (self, "select value from settings where key = ?", key,
                      NULL);
}

static gboolean
looks_secret (const char *key)
{
  g_autofree char *lower = g_ascii_strdown (key, -1);

  return strstr (lower, "password") != NULL ||
         strstr (lower, "secret") != NULL || strstr (lower, "token") != NULL;
}

/**
 * bfg_workspace_set_setting:
 * @self: a workspace
 * @actor_id: the acting actor; needs evidence.record
 * @key: a setting key
 * @value: (nullable): the value, or %NULL to remove it
 * @error: return location for a #GError
 *
 * Stores a non-secret setting, audited. Keys that name a password, secret
 * or token are refused: secrets belong in the Secret Service.
 *
 * Returns: %TRUE on success
 */
gboolean
bfg_workspace_set_setting (BfgWorkspace  *self,
                           const char    *actor_id,
                           const char    *key,
                           const char    *value,
                           GError       **error)
{
  g_autofree char *name = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *time = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (BFG_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (actor_id != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (looks_secret (key))
    {
      g_set_error (error, BFG_CHECK_ERROR, BFG_CHECK_ERROR_INVALID_VALUE,
                   _("%s looks like a secret; secrets are never stored in "
                     "the workspace"), key);
      return FALSE;
    }

  if (!begin_write (self, NULL, error))
    return FALSE;

  name = bfg_workspace_dup_actor_name (self, actor_id);
  if (name == NULL)
    {
      g_set_error (error, BFG_RBAC_ERROR, BFG_RBAC_ERROR_UNKNOWN_ACTOR,
                   _("There is no actor %s in this workspace"), actor_id);
      goto out;
    }

  if (!bfg_workspace_actor_has_permission (self, actor_id, "evidence.record"))
    {
      g_set_error (error, BFG_RBAC_ERROR, BFG_RBAC_ERROR_PERMISSION_DENIED,
                   _("%s lacks %s"), name, "evidence.record");
      goto out;
    }

  time = now_utc ();
  detail = g_strdup_printf ("%s=%s", key, value != NULL ? value : "");

  if (bfg_audit_append (self->db, actor_id, "setting.set", NULL, detail,
                        error) == 0)
    goto out;

  if (value != NULL)
    ok = run_insert (self,
                     "insert into settings (key, value, updated_at) "
                     "values (?, ?, ?) on conflict (key) do update set "
                     "value = excluded.value, updated_at = excluded.updated_at",
                     error, "t", key, "t", value, "t", time, NULL);
  else
    ok = run_insert (self, "delete from settings where key = ?", error,
                     "t", key, NULL);

out:
  return finish_write (self, ok, error);
}

/**
 * bfg_workspace_append_audit:
 * @self: a workspace
 * @actor_id: the acting actor
 * @action: what happened, such as "bundle.export"
 * @check_id: (nullable): the check it concerns
 * @detail: (nullable): free text; never a secret
 * @error: return location for a #GError
 *
 * Appends an audit event on its own, for modules whose action has no
 * other row to write (an export, say). The caller checks the actor's
 * permission for that action with bfg_workspace_actor_has_permission().
 *
 * Returns: %TRUE on success
 */
gboolean
bfg_workspace_append_audit (BfgWorkspace  *self,
                            const char    *actor_id,
                            const char    *action,
                            const char    *check_id,
                            const char    *detail,
                            GError       **error)
{
  gboolean ok = FALSE;

  g_return_val_if_fail (BFG_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (actor_id != NULL, FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  if (!begin_write (self, NULL, error))
    return FALSE;

  if (!bfg_workspace_actor_exists (self, actor_id))
    g_set_error (error, BFG_RBAC_ERROR, BFG_RBAC_ERROR_UNKNOWN_ACTOR,
                 _("There is no actor %s in this workspace"), actor_id);
  else
    ok = bfg_audit_append (self->db, actor_id, action, check_id, detail,
                           error) != 0;

  return finish_write (self, ok, error);
}
