/* test-ui-i18n.c: no English left in the Spanish console
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens a real window in Spanish, visits every page and every check page,
 * and collects what the user can read: the text of every mapped label and
 * every tooltip. A text is an English leftover when it is the English
 * msgid of a message whose Spanish translation differs, or when it fits
 * the pattern of such a message's format string ("Integration %u%%").
 * Identifiers (decision codes, packet names, ids, modes, numbers) are
 * allowed: they are the same in every language.
 *
 * The English msgids come from the build's own bfg-console.mo, read
 * directly, so the test checks exactly the catalogue the console loads.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "bfg-application.h"
#include "bfg-plan.h"
#include "bfg-test-services.h"
#include "bfg-window.h"
#include "test-ui-util.h"

/* An English text and the Spanish the catalogue gives for it. */
typedef struct
{
  GHashTable *exact;     /* English text → Spanish */
  GPtrArray  *patterns;  /* GPatternSpec * of format msgids */
  GPtrArray  *sources;   /* the format msgid of each pattern */
  GRegex     *identifier;
} Catalogue;

static guint32
read_u32 (const guint8 *data,
          gsize         length,
          gsize         offset,
          gboolean      swap)
{
  guint32 value;

  g_assert_cmpuint (offset + 4, <=, length);
  memcpy (&value, data + offset, 4);

  return swap ? GUINT32_SWAP_LE_BE (value) : value;
}

static const char *
read_string (const guint8 *data,
             gsize         length,
             guint32       table,
             guint32       i,
             gboolean      swap,
             guint32      *string_length)
{
  guint32 len = read_u32 (data, length, table + 8 * i, swap);
  guint32 offset = read_u32 (data, length, table + 8 * i + 4, swap);

  g_assert_cmpuint ((gsize) offset + len, <, length);
  *string_length = len;

  return (const char *) data + offset;
}

/* A format string becomes a glob: each conversion matches anything. Only
 * formats with real English words in them take part; "%s: %s" would match
 * every Spanish text too. */
static char *
format_to_glob (const char *format)
{
  g_autoptr(GString) glob = g_string_new (NULL);
  g_autoptr(GString) words = g_string_new (NULL);
  g_autoptr(GRegex) word = g_regex_new ("[A-Za-z]{4,}", 0, 0, NULL);

  for (const char *p = format; *p != '\0'; p++)
    {
      if (*p == '%' && p[1] == '%')
        {
          g_string_append_c (glob, '%');
          p++;
        }
      else if (*p == '%')
        {
          /* flags, width, precision and length, then the conversion or
           * a <PRId64>-style segment as msgfmt writes it */
          p++;
          while (*p != '\0' && strchr ("0123456789.'-+ #lhzjtL", *p) != NULL)
            p++;
          if (*p == '<')
            while (p[1] != '\0' && *p != '>')
              p++;
          if (*p == '\0')
            break;
          g_string_append_c (glob, '*');
        }
      else if (*p == '*' || *p == '?')
        {
          /* GPatternSpec has no escape; a wildcard in the msgid only
           * widens the match, which is harmless here. */
          g_string_append_c (glob, '?');
          g_string_append_c (words, ' ');
        }
      else
        {
          g_string_append_c (glob, *p);
          g_string_append_c (words, *p);
        }
    }

  if (!g_regex_match (word, words->str, 0, NULL))
    return NULL;

  return g_string_free (g_steal_pointer (&glob), FALSE);
}

static void
catalogue_add (Catalogue  *catalogue,
               const char *english,
               const char *spanish)
{
  if (english[0] == '\0' || g_str_equal (english, spanish))
    return;

  if (strchr (english, '%') != NULL)
    {
      g_autofree char *glob = format_to_glob (english);

      if (glob != NULL)
        {
          g_ptr_array_add (catalogue->patterns, g_pattern_spec_new (glob));
          g_ptr_array_add (catalogue->sources, g_strdup (english));
        }
    }
  else
    g_hash_table_insert (catalogue->exact, g_strdup (english), g_strdup (spanish));
}

/* Reads a GNU .mo file: the magic, then the number of strings and the
 * offsets of the tables of originals and translations. */
static void
catalogue_load (Catalogue  *catalogue,
                const char *path)
{
  g_autofree guint8 *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  guint32 magic;
  gboolean swap;
  guint32 n, originals, translations;

  g_file_get_contents (path, (char **) &data, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >=, 28);

  memcpy (&magic, data, 4);
  g_assert_true (magic == 0x950412de || magic == 0xde120495);
  swap = magic == 0xde120495;
  n = read_u32 (data, length, 8, swap);
  originals = read_u32 (data, length, 12, swap);
  translations = read_u32 (data, length, 16, swap);

  for (guint32 i = 0; i < n; i++)
    {
      guint32 id_length, str_length;
      const char *original = read_string (data, length, originals, i, swap, &id_length);
      const char *id = original;
      const char *str = read_string (data, length, translations, i, swap, &str_length);
      const char *eot = memchr (original, '\004', id_length);
      const char *plural;

      /* msgctxt EOT msgid: the context is not shown */
      if (eot != NULL)
        id = eot + 1;

      catalogue_add (catalogue, id, str);

      /* msgid NUL msgid_plural, and msgstr[0] NUL msgstr[1] */
      plural = id + strlen (id) + 1;
      if (plural < original + id_length && strlen (str) < str_length)
        catalogue_add (catalogue, plural, str + strlen (str) + 1);
    }
}

static gboolean
is_identifier (Catalogue  *catalogue,
               const char *text)
{
  return g_regex_match (catalogue->identifier, text, 0, NULL);
}

/* Whether a text the user reads is English that should be Spanish; the
 * msgid it matches goes to @why. */
static gboolean
is_leftover (Catalogue   *catalogue,
             const char  *text,
             const char **why)
{
  if (text == NULL || text[0] == '\0' || is_identifier (catalogue, text))
    return FALSE;

  if (g_hash_table_contains (catalogue->exact, text))
    {
      *why = text;
      return TRUE;
    }

  for (guint i = 0; i < catalogue->patterns->len; i++)
    if (g_pattern_spec_match_string (catalogue->patterns->pdata[i], text))
      {
        *why = catalogue->sources->pdata[i];
        return TRUE;
      }

  return FALSE;
}

static void
collect (GtkWidget  *widget,
         GHashTable *texts)
{
  const char *tooltip;

  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget))
    g_hash_table_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  if (GTK_IS_TEXT (widget))
    {
      const char *placeholder = gtk_text_get_placeholder_text (GTK_TEXT (widget));

      if (placeholder != NULL)
        g_hash_table_add (texts, g_strdup (placeholder));
    }
  tooltip = gtk_widget_get_tooltip_text (widget);
  if (tooltip != NULL)
    g_hash_table_add (texts, g_strdup (tooltip));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, texts);
}

static guint
check_window (Catalogue  *catalogue,
              BfgWindow  *window,
              const char *where,
              GHashTable *seen)
{
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  const char *text;
  guint found = 0;

  collect (GTK_WIDGET (window), texts);

  g_hash_table_iter_init (&iter, texts);
  while (g_hash_table_iter_next (&iter, (gpointer *) &text, NULL))
    {
      const char *why = NULL;

      g_hash_table_add (seen, g_strdup (text));
      if (is_leftover (catalogue, text, &why))
        {
          g_test_message ("English on %s: “%s” (msgid “%s”)", where, text, why);
          found++;
        }
    }

  return found;
}

/* The workspace and its WAL files; the folder holds nothing else. */
static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_no_english (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *workspace = NULL;
  g_autofree char *mo = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  const char * const *ids = bfg_window_get_page_ids ();
  const BfgCheckInfo *checks;
  BfgApplication *app;
  BfgWindow *window;
  Catalogue catalogue = { 0 };
  const char *localedir = g_getenv ("BFG_LOCALEDIR");
  guint n_checks;
  guint found = 0;

  mo = g_build_filename (localedir != NULL ? localedir : LOCALEDIR,
                         "es", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  catalogue.exact = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  catalogue.patterns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_pattern_spec_free);
  catalogue.sources = g_ptr_array_new_with_free_func (g_free);
  /* Decision codes, packet names, check and actor ids, modes, counts and
   * checksums: the same in every language. */
  catalogue.identifier = g_regex_new ("^("
                                      "[A-Z][A-Z0-9_]*(-[A-Z0-9_]+)*" "|"
                                      "[A-Za-z]+\\.v[0-9]+( · bfg-[0-9a-f]{8})?" "|"
                                      "[a-z0-9]+([._-][A-Za-z0-9]+)+" "|"
                                      "[-0-9/ %+·.,:]+" ")$",
                                      0, 0, &error);
  g_assert_no_error (error);
  catalogue_load (&catalogue, mo);
  g_assert_cmpuint (g_hash_table_size (catalogue.exact), >, 100);

  /* The catalogue really is in use: a known message comes out Spanish. */
  g_assert_cmpstr (_("Integration gates"), !=, "Integration gates");

  dir = g_dir_make_tmp ("bfg-ui-i18n-XXXXXX", &error);
  g_assert_no_error (error);
  workspace = g_build_filename (dir, "workspace.sqlite", NULL);

  app = bfg_application_new ();
  /* Non-unique: a test must never wait on, or hand its work to, another
   * instance that holds the app id on the session bus. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  window = bfg_window_new (app, workspace);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  while (bfg_window_get_engine (window) == NULL)
    g_main_context_iteration (NULL, TRUE);
  test_ui_spin (100);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *where = g_strdup_printf ("page %s", ids[i]);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page",
                                                 "s", ids[i]));
      test_ui_spin (40);
      found += check_window (&catalogue, window, where, seen);
    }

  checks = bfg_plan_get_checks (&n_checks);
  for (guint i = 0; i < n_checks; i++)
    {
      g_autofree char *where = g_strdup_printf ("check %s", checks[i].id);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-check",
                                                 "s", checks[i].id));
      test_ui_spin (30);
      found += check_window (&catalogue, window, where, seen);
    }

  /* A walk that read nothing would pass without proving anything. */
  g_assert_cmpuint (g_hash_table_size (seen), >, 200);
  g_assert_true (g_hash_table_contains (seen, "Vista general"));
  g_test_message ("%u distinct texts read", g_hash_table_size (seen));
  g_assert_cmpuint (found, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  test_ui_spin (50);
  g_object_unref (app);
  g_hash_table_unref (catalogue.exact);
  g_ptr_array_unref (catalogue.patterns);
  g_ptr_array_unref (catalogue.sources);
  g_regex_unref (catalogue.identifier);
  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("BFG_LOCALEDIR");

  bfg_test_require_display ();

  /* Spanish before anything translates. glibc ignores LANGUAGE under the
   * C and C.UTF-8 locales, so a real locale is needed: Spanish if it is
   * installed, else any other. */
  g_setenv ("LANGUAGE", "es", TRUE);
  if (setlocale (LC_ALL, "es_ES.UTF-8") == NULL &&
      setlocale (LC_ALL, "en_US.UTF-8") == NULL)
    {
      g_print ("1..0 # SKIP no UTF-8 locale but C is installed (install locales-all)\n");
      return 77;
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/i18n/no-english", test_no_english);

  return g_test_run ();
}
