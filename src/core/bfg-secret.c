/* bfg-secret.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

/* For secret_service_search_for_dbus_paths() (secret-paths.h), unchanged
 * since libsecret 0.18 but still marked unstable. */
#define SECRET_API_SUBJECT_TO_CHANGE
#include "bfg-secret.h"

#include <string.h>

#include "bfg-error.h"

/* The password exists in three places only: the keyring, the caller's
 * buffer (freed with secret_password_free(), which wipes it) and, when no
 * keyring is usable, the session cache below, wiped when it is dropped.
 * It is never logged, never written to the workspace and never put in an
 * error message. */

static GMutex session_lock;
static GHashTable *session_passwords;

/**
 * bfg_secret_get_schema:
 *
 * The libsecret schema of endpoint passwords. It is named after the base
 * application id, so that the development build (.Devel) and the release
 * find the same passwords. The attributes identify the endpoint: host,
 * port, database and user. They never hold the secret.
 *
 * Returns: (transfer none): the schema
 */
const SecretSchema *
bfg_secret_get_schema (void)
{
  static const SecretSchema schema = {
    BASE_APP_ID, SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_INTEGER },
      { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static GHashTable *
endpoint_attributes (BfgEndpoint *endpoint)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  /* The *v variants of the libsecret API take every value as a string,
   * integers included. */
  g_hash_table_insert (attributes, (gpointer) "host",
                       g_strdup (bfg_endpoint_get_host (endpoint)));
  g_hash_table_insert (attributes, (gpointer) "port",
                       g_strdup_printf ("%u", bfg_endpoint_get_port (endpoint)));
  g_hash_table_insert (attributes, (gpointer) "database",
                       g_strdup (bfg_endpoint_get_database (endpoint)));
  g_hash_table_insert (attributes, (gpointer) "user",
                       g_strdup (bfg_endpoint_get_user (endpoint)));

  return attributes;
}

static char *
endpoint_label (BfgEndpoint *endpoint)
{
  g_autofree char *uri = bfg_endpoint_to_redacted_uri (endpoint);

  return g_strdup_printf ("BFG Integration Console: %s", uri);
}

static char *
session_key (BfgEndpoint *endpoint)
{
  /* The same four fields as the keyring attributes, so that both stores
   * agree on which endpoints share a password. */
  return g_strdup_printf ("%s\037%u\037%s\037%s",
                          bfg_endpoint_get_host (endpoint),
                          bfg_endpoint_get_port (endpoint),
                          bfg_endpoint_get_database (endpoint),
                          bfg_endpoint_get_user (endpoint));
}

static void
wipe_password (gpointer data)
{
  char *password = data;

  if (password == NULL)
    return;

  explicit_bzero (password, strlen (password));
  g_free (password);
}

static const char *
fallback_message (void)
{
  return _("The password will be asked for each session; it is "
           "never stored in plain text.");
}

/* Says what the user can do about it: the password is still in the
 * keyring, so unlocking that is enough; otherwise it is typed again. */
static GError *
locked_error (void)
{
  g_autofree char *advice = NULL;

  advice = g_strdup_printf ("%s %s",
                            _("Unlock the keyring and try again, or enter the "
                              "password again."),
                            fallback_message ());

  return g_error_new (BFG_SECRET_ERROR, BFG_SECRET_ERROR_LOCKED,
                      _("The keyring is locked and stayed locked. %s"), advice);
}

/* Turns whatever libsecret or D-Bus reported into a BfgSecretError that
 * tells the user what happens next. A cancellation the caller asked for
 * stays a cancellation. */
static GError *
map_error (GError       *error,
           GCancellable *cancellable)
{
  GError *mapped;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      g_cancellable_is_cancelled (cancellable))
    return error;

  /* A dismissed unlock prompt comes back as a cancellation nobody asked
   * for: the keyring stayed locked. */
  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    mapped = locked_error ();
  else if (error->domain == SECRET_ERROR)
    mapped = g_error_new (BFG_SECRET_ERROR, BFG_SECRET_ERROR_FAILED,
                          _("The keyring refused the request (%s). %s"),
                          error->message, fallback_message ());
  else
    mapped = g_error_new (BFG_SECRET_ERROR, BFG_SECRET_ERROR_UNAVAILABLE,
                          _("No keyring (Secret Service) is available (%s). %s"),
                          error->message, fallback_message ());

  g_debug ("keyring request failed: %s", error->message);
  g_error_free (error);

  return mapped;
}

/* libsecret answers a lookup or a clear whose items stayed locked (the
 * unlock prompt was dismissed, or none could be shown) as if there were
 * no such items. The service's own search tells the two apart: it lists
 * the paths of matching items, unlocked and locked, and never prompts. It
 * is asked for paths only, since building a SecretItem for a locked item
 * leaks a little inside libsecret. */
static gboolean
check_unlocked_sync (GHashTable    *attributes,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(SecretService) service = NULL;
  g_auto(GStrv) unlocked = NULL;
  g_auto(GStrv) locked = NULL;
  GError *local_error = NULL;

  service = secret_service_get_sync (SECRET_SERVICE_NONE, cancellable, &local_error);
  if (service == NULL ||
      !secret_service_search_for_dbus_paths_sync (service, bfg_secret_get_schema (),
                                                  attributes, cancellable,
                                                  &unlocked, &locked, &local_error))
    {
      g_propagate_error (error, map_error (local_error, cancellable));
      return FALSE;
    }

  if (locked != NULL && locked[0] != NULL)
    {
      g_propagate_error (error, locked_error ());
      return FALSE;
    }

  return TRUE;
}

/* The asynchronous form of check_unlocked_sync(), which ends @task: a
 * lookup with no password, a clear with TRUE, unless a matching item
 * stayed locked. */
static void
on_paths_searched_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_auto(GStrv) unlocked = NULL;
  g_auto(GStrv) locked = NULL;
  GError *error = NULL;

  if (!secret_service_search_for_dbus_paths_finish (SECRET_SERVICE (source), result,
                                                    &unlocked, &locked, &error))
    g_task_return_error (task, map_error (error, g_task_get_cancellable (task)));
  else if (locked != NULL && locked[0] != NULL)
    g_task_return_error (task, locked_error ());
  else if (g_task_get_source_tag (task) == bfg_secret_lookup_async)
    g_task_return_pointer (task, NULL, NULL);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_service_got_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(SecretService) service = NULL;
  GError *error = NULL;

  service = secret_service_get_finish (result, &error);
  if (service == NULL)
    {
      g_task_return_error (task, map_error (error, g_task_get_cancellable (task)));
      g_object_unref (task);
      return;
    }

  secret_service_search_for_dbus_paths (service, bfg_secret_get_schema (),
                                        g_task_get_task_data (task),
                                        g_task_get_cancellable (task),
                                        on_paths_searched_cb, task);
}

static void
check_unlocked_async (GTask *task)
{
  secret_service_get (SECRET_SERVICE_NONE, g_task_get_cancellable (task),
                      on_service_got_cb, task);
}

static void
on_store_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, map_error (error, g_task_get_cancellable (task)));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * bfg_secret_store_async:
 * @endpoint: the endpoint the password belongs to
 * @password: the password
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the keyring answered
 * @user_data: data for @callback
 *
 * Stores @password in the default keyring collection under the
 * attributes of @endpoint, replacing any earlier one.
 */
void
bfg_secret_store_async (BfgEndpoint         *endpoint,
                        const char          *password,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (BFG_IS_ENDPOINT (endpoint));
  g_return_if_fail (password != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bfg_secret_store_async);

  attributes = endpoint_attributes (endpoint);
  label = endpoint_label (endpoint);
  secret_password_storev (bfg_secret_get_schema (), attributes,
                          SECRET_COLLECTION_DEFAULT, label, password,
                          cancellable, on_store_done_cb, g_steal_pointer (&task));
}

/**
 * bfg_secret_store_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #BfgSecretError
 *
 * Returns: %TRUE if the keyring holds the password
 */
gboolean
bfg_secret_store_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * bfg_secret_store_sync:
 * @endpoint: the endpoint the password belongs to
 * @password: the password
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #BfgSecretError
 *
 * The blocking form of bfg_secret_store_async(), for bfgctl and threads.
 *
 * Returns: %TRUE if the keyring holds the password
 */
gboolean
bfg_secret_store_sync (BfgEndpoint   *endpoint,
                       const char    *password,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (BFG_IS_ENDPOINT (endpoint), FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  attributes = endpoint_attributes (endpoint);
  label = endpoint_label (endpoint);
  if (!secret_password_storev_sync (bfg_secret_get_schema (), attributes,
                                    SECRET_COLLECTION_DEFAULT, label, password,
                                    cancellable, &local_error))
    {
      g_propagate_error (error, map_error (local_error, cancellable));
      return FALSE;
    }

  return TRUE;
}

static void
on_lookup_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *password;

  password = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, map_error (error, g_task_get_cancellable (task)));
  else if (password != NULL)
    g_task_return_pointer (task, password, wipe_password);
  else
    check_unlocked_async (g_steal_pointer (&task));
}

/**
 * bfg_secret_lookup_async:
 * @endpoint: the endpoint whose password is wanted
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the keyring answered
 * @user_data: data for @callback
 *
 * Looks the password of @endpoint up in the keyring. The keyring may ask
 * the user to unlock it; if it stays locked, the lookup fails with
 * %BFG_SECRET_ERROR_LOCKED.
 */
void
bfg_secret_lookup_async (BfgEndpoint         *endpoint,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (BFG_IS_ENDPOINT (endpoint));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bfg_secret_lookup_async);

  attributes = endpoint_attributes (endpoint);
  g_task_set_task_data (task, g_hash_table_ref (attributes),
                        (GDestroyNotify) g_hash_table_unref);
  secret_password_lookupv (bfg_secret_get_schema (), attributes, cancellable,
                           on_lookup_done_cb, g_steal_pointer (&task));
}

/**
 * bfg_secret_lookup_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #BfgSecretError
 *
 * Returns: (transfer full) (nullable): the password, to be freed with
 *   secret_password_free(), or %NULL with @error unset when the keyring
 *   holds none for this endpoint. A password that the keyring holds but
 *   could not unlock is %BFG_SECRET_ERROR_LOCKED, not %NULL.
 */
char *
bfg_secret_lookup_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * bfg_secret_lookup_sync:
 * @endpoint: the endpoint whose password is wanted
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #BfgSecretError
 *
 * The blocking form of bfg_secret_lookup_async().
 *
 * Returns: (transfer full) (nullable): the password, to be freed with
 *   secret_password_free(), or %NULL with @error unset when there is none
 */
char *
bfg_secret_lookup_sync (BfgEndpoint   *endpoint,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  GError *local_error = NULL;
  char *password;

  g_return_val_if_fail (BFG_IS_ENDPOINT (endpoint), NULL);

  attributes = endpoint_attributes (endpoint);
  password = secret_password_lookupv_sync (bfg_secret_get_schema (), attributes,
                                           cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, map_error (local_error, cancellable));
      return NULL;
    }

  if (password == NULL && !check_unlocked_sync (attributes, cancellable, error))
    return NULL;

  return password;
}

static void
on_clear_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error means that nothing was removed: either there
   * was nothing, or what there is stayed locked. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, map_error (error, g_task_get_cancellable (task)));
  else
    check_unlocked_async (g_steal_pointer (&task));
}

/**
 * bfg_secret_clear_async:
 * @endpoint: the endpoint whose password goes
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the keyring answered
 * @user_data: data for @callback
 *
 * Removes the password of @endpoint from the keyring and from the
 * session cache. A password that stays in a locked keyring fails with
 * %BFG_SECRET_ERROR_LOCKED.
 */
void
bfg_secret_clear_async (BfgEndpoint         *endpoint,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (BFG_IS_ENDPOINT (endpoint));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bfg_secret_clear_async);

  bfg_secret_session_forget (endpoint);

  attributes = endpoint_attributes (endpoint);
  g_task_set_task_data (task, g_hash_table_ref (attributes),
                        (GDestroyNotify) g_hash_table_unref);
  secret_password_clearv (bfg_secret_get_schema (), attributes, cancellable,
                          on_clear_done_cb, g_steal_pointer (&task));
}

/**
 * bfg_secret_clear_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #BfgSecretError
 *
 * Returns: %TRUE if the keyring holds no password for the endpoint now
 */
gboolean
bfg_secret_clear_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * bfg_secret_clear_sync:
 * @endpoint: the endpoint whose password goes
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #BfgSecretError
 *
 * The blocking form of bfg_secret_clear_async().
 *
 * Returns: %TRUE if the keyring holds no password for the endpoint now
 */
gboolean
bfg_secret_clear_sync (BfgEndpoint   *endpoint,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (BFG_IS_ENDPOINT (endpoint), FALSE);

  bfg_secret_session_forget (endpoint);

  attributes = endpoint_attributes (endpoint);
  secret_password_clearv_sync (bfg_secret_get_schema (), attributes,
                               cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, map_error (local_error, cancellable));
      return FALSE;
    }

  return check_unlocked_sync (attributes, cancellable, error);
}

/**
 * bfg_secret_session_remember:
 * @endpoint: the endpoint the password belongs to
 * @password: the password
 *
 * Keeps @password in memory for the rest of this process, for when no
 * keyring is usable. Nothing is written anywhere.
 */
void
bfg_secret_session_remember (BfgEndpoint *endpoint,
                             const char  *password)
{
  g_return_if_fail (BFG_IS_ENDPOINT (endpoint));
  g_return_if_fail (password != NULL);

  g_mutex_lock (&session_lock);
  if (session_passwords == NULL)
    session_passwords = g_hash_table_new_full (g_str_hash, g_str_equal,
                                               g_free, wipe_password);
  g_hash_table_replace (session_passwords, session_key (endpoint), g_strdup (password));
  g_mutex_unlock (&session_lock);
}

/**
 * bfg_secret_session_lookup:
 * @endpoint: the endpoint whose password is wanted
 *
 * Returns: (transfer full) (nullable): a copy of the password remembered
 *   this session, to be freed with secret_password_free(), or %NULL
 */
char *
bfg_secret_session_lookup (BfgEndpoint *endpoint)
{
  g_autofree char *key = NULL;
  char *password = NULL;

  g_return_val_if_fail (BFG_IS_ENDPOINT (endpoint), NULL);

  key = session_key (endpoint);

  g_mutex_lock (&session_lock);
  if (session_passwords != NULL)
    password = g_strdup (g_hash_table_lookup (session_passwords, key));
  g_mutex_unlock (&session_lock);

  return password;
}

/**
 * bfg_secret_session_forget:
 * @endpoint: the endpoint whose password goes
 *
 * Wipes and drops the password remembered for @endpoint, if any.
 */
void
bfg_secret_session_forget (BfgEndpoint *endpoint)
{
  g_autofree char *key = NULL;

  g_return_if_fail (BFG_IS_ENDPOINT (endpoint));

  key = session_key (endpoint);

  g_mutex_lock (&session_lock);
  if (session_passwords != NULL)
    g_hash_table_remove (session_passwords, key);
  g_mutex_unlock (&session_lock);
}

/**
 * bfg_secret_session_clear:
 *
 * Wipes and drops every password remembered this session.
 */
void
bfg_secret_session_clear (void)
{
  g_mutex_lock (&session_lock);
  g_clear_pointer (&session_passwords, g_hash_table_unref);
  g_mutex_unlock (&session_lock);
}
