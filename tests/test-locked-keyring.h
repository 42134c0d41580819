/* test-locked-keyring.h: an endpoint password in a keyring that stays locked
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * build-aux/test-services starts a second gnome-keyring whose default
 * collection is locked and which no prompt can unlock (F33 of
 * docs/fault-matrix.md). A test points DBUS_SESSION_BUS_ADDRESS at it
 * before its first D-Bus call, then plants a password there: in a
 * collection of the test's own, made with a password of its own and then
 * locked, so that the shared default collection is never unlocked and
 * tests on that keyring may run side by side.
 *
 * The collection is made through gnome-keyring's private interface, the
 * one way to create a collection without a prompt. The Secret Service
 * API proper would ask a prompter for the new collection's password.
 */

#pragma once

#include <gio/gio.h>
#include <string.h>
#include <unistd.h>

#include "bfg-secret.h"

#define TEST_KEYRING_NAME "org.freedesktop.secrets"
#define TEST_KEYRING_PATH "/org/freedesktop/secrets"
#define TEST_KEYRING_SERVICE "org.freedesktop.Secret.Service"
#define TEST_KEYRING_INTERNAL "org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface"

/* A keyring call that should answer at once; the timeout keeps a daemon
 * that does not from hanging the test. */
#define TEST_KEYRING_CALL_TIMEOUT_MS 10000

typedef struct
{
  GDBusConnection *bus;
  char            *session;
  char            *collection;
  char            *master;
} TestLockedPassword;

static inline GVariant *
test_locked_call (TestLockedPassword *self,
                  const char         *path,
                  const char         *interface,
                  const char         *method,
                  GVariant           *args,
                  const char         *reply_type)
{
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  reply = g_dbus_connection_call_sync (self->bus, TEST_KEYRING_NAME, path, interface,
                                       method, args, G_VARIANT_TYPE (reply_type),
                                       G_DBUS_CALL_FLAGS_NONE, TEST_KEYRING_CALL_TIMEOUT_MS,
                                       NULL, &error);
  g_assert_no_error (error);

  return reply;
}

/* A secret as the Secret Service carries it, (oayays), over the plain
 * session: this is the test's own password for its collection, never the
 * endpoint's. */
static inline GVariant *
test_locked_master_secret (TestLockedPassword *self)
{
  return g_variant_new ("(o@ay@ays)", self->session,
                        g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, "", 0, 1),
                        g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, self->master,
                                                   strlen (self->master), 1),
                        "text/plain");
}

/* Puts @password for @endpoint into a new collection and locks it. */
static inline void
test_locked_password_plant (TestLockedPassword *self,
                            BfgEndpoint        *endpoint,
                            const char         *password)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *prompt = NULL;
  g_auto(GStrv) locked = NULL;
  const char *to_lock[2] = { NULL, NULL };
  GVariantBuilder properties;

  memset (self, 0, sizeof *self);
  self->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  self->master = g_uuid_string_random ();

  reply = test_locked_call (self, TEST_KEYRING_PATH, TEST_KEYRING_SERVICE, "OpenSession",
                            g_variant_new ("(sv)", "plain", g_variant_new_string ("")),
                            "(vo)");
  g_variant_get (reply, "(vo)", NULL, &self->session);
  g_clear_pointer (&reply, g_variant_unref);

  label = g_strdup_printf ("BFG locked test %d", (int) getpid ());
  g_variant_builder_init (&properties, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&properties, "{sv}", "org.freedesktop.Secret.Collection.Label",
                         g_variant_new_string (label));
  reply = test_locked_call (self, TEST_KEYRING_PATH, TEST_KEYRING_INTERNAL,
                            "CreateWithMasterPassword",
                            g_variant_new ("(a{sv}@(oayays))", &properties,
                                           test_locked_master_secret (self)),
                            "(o)");
  g_variant_get (reply, "(o)", &self->collection);
  g_clear_pointer (&reply, g_variant_unref);

  /* Stored through libsecret and the console's schema, so the item looks
   * exactly like one that bfg_secret_store_sync() writes. */
  g_assert_true (secret_password_store_sync (bfg_secret_get_schema (), self->collection,
                                             "BFG locked test", password, NULL, &error,
                                             "host", bfg_endpoint_get_host (endpoint),
                                             "port", (int) bfg_endpoint_get_port (endpoint),
                                             "database", bfg_endpoint_get_database (endpoint),
                                             "user", bfg_endpoint_get_user (endpoint),
                                             NULL));
  g_assert_no_error (error);

  /* Locking needs no prompt; unlocking would. */
  to_lock[0] = self->collection;
  reply = test_locked_call (self, TEST_KEYRING_PATH, TEST_KEYRING_SERVICE, "Lock",
                            g_variant_new ("(^ao)", to_lock), "(aoo)");
  g_variant_get (reply, "(^aoo)", &locked, &prompt);
  g_assert_cmpstr (prompt, ==, "/");
  g_assert_true (g_strv_contains ((const char * const *) locked, self->collection));

  /* The service's search must list the item as locked before the test
   * goes on: that is what the console asks to tell a locked keyring from
   * an empty one, and on a busy machine gnome-keyring can answer a search
   * right after the lock without the item. */
  for (guint i = 0; ; i++)
    {
      g_autoptr(GVariant) found = NULL;
      g_autofree char *port = g_strdup_printf ("%u", bfg_endpoint_get_port (endpoint));
      g_autofree const char **unlocked_paths = NULL;
      g_autofree const char **locked_paths = NULL;
      GVariantBuilder attributes;

      g_variant_builder_init (&attributes, G_VARIANT_TYPE ("a{ss}"));
      g_variant_builder_add (&attributes, "{ss}", "xdg:schema", bfg_secret_get_schema ()->name);
      g_variant_builder_add (&attributes, "{ss}", "host", bfg_endpoint_get_host (endpoint));
      g_variant_builder_add (&attributes, "{ss}", "port", port);
      g_variant_builder_add (&attributes, "{ss}", "database",
                             bfg_endpoint_get_database (endpoint));
      g_variant_builder_add (&attributes, "{ss}", "user", bfg_endpoint_get_user (endpoint));
      found = test_locked_call (self, TEST_KEYRING_PATH, TEST_KEYRING_SERVICE, "SearchItems",
                                g_variant_new ("(a{ss})", &attributes), "(aoao)");
      g_variant_get (found, "(^a&o^a&o)", &unlocked_paths, &locked_paths);
      if (locked_paths[0] != NULL)
        break;

      g_assert_cmpuint (i, <, 500);
      g_usleep (10 * 1000);
    }
}

/* Unlocks the collection with the test's own password, which no prompt
 * knows, and returns what it holds for @endpoint: proof of what a locked
 * keyring kept. The collection stays unlocked afterwards. */
static inline char *
test_locked_password_peek (TestLockedPassword *self,
                           BfgEndpoint        *endpoint)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  char *password;

  reply = test_locked_call (self, TEST_KEYRING_PATH, TEST_KEYRING_INTERNAL,
                            "UnlockWithMasterPassword",
                            g_variant_new ("(o@(oayays))", self->collection,
                                           test_locked_master_secret (self)),
                            "()");

  password = secret_password_lookup_sync (bfg_secret_get_schema (), NULL, &error,
                                          "host", bfg_endpoint_get_host (endpoint),
                                          "port", (int) bfg_endpoint_get_port (endpoint),
                                          "database", bfg_endpoint_get_database (endpoint),
                                          "user", bfg_endpoint_get_user (endpoint),
                                          NULL);
  g_assert_no_error (error);

  return password;
}

/* Deletes the collection, locked or not, closes the session and forgets
 * the collection's password. */
static inline void
test_locked_password_remove (TestLockedPassword *self)
{
  g_autoptr(GVariant) reply = NULL;
  g_autofree char *prompt = NULL;

  if (self->collection != NULL)
    {
      reply = test_locked_call (self, self->collection, "org.freedesktop.Secret.Collection",
                                "Delete", NULL, "(o)");
      g_variant_get (reply, "(o)", &prompt);
      g_assert_cmpstr (prompt, ==, "/");
    }
  if (self->session != NULL)
    g_variant_unref (test_locked_call (self, self->session, "org.freedesktop.Secret.Session",
                                       "Close", NULL, "()"));

  g_clear_pointer (&self->collection, g_free);
  g_clear_pointer (&self->session, g_free);
  g_clear_pointer (&self->master, g_free);
  g_clear_object (&self->bus);
}
