/* bfgctl.c: the scriptable command line over the core
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bfgctl [--workspace PATH] COMMAND [ARGS]. It exits 0 when done, 1 when
 * the core refused or failed (with one line on stderr), 2 on bad usage.
 * Commands register themselves (see bfgctl.h); this file holds main(),
 * the shared helpers and the demo command.
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "bfg-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "bfg-demo-ops.h"
#include "bfgctl.h"

typedef struct
{
  const char    *name;
  BfgctlHandler  handler;
  const char    *summary;
} Command;

static GArray *commands;

/**
 * bfgctl_register_command:
 * @name: the command word
 * @handler: what runs it
 * @summary: a one-line description, marked with N_()
 *
 * Adds a command to the table. Called from BFGCTL_REGISTER_COMMAND()
 * constructors, before main().
 */
void
bfgctl_register_command (const char    *name,
                         BfgctlHandler  handler,
                         const char    *summary)
{
  Command command = { name, handler, summary };

  if (commands == NULL)
    commands = g_array_new (FALSE, FALSE, sizeof (Command));

  g_array_append_val (commands, command);
}

static gint
compare_commands (gconstpointer a,
                  gconstpointer b)
{
  return g_strcmp0 (((const Command *) a)->name, ((const Command *) b)->name);
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n%s\n",
           _("Usage: bfgctl [--workspace PATH] COMMAND [ARGS…]"),
           _("Commands:"));

  for (guint i = 0; commands != NULL && i < commands->len; i++)
    {
      const Command *command = &g_array_index (commands, Command, i);

      fprintf (stream, "  %-10s %s\n", command->name,
               g_dgettext (GETTEXT_PACKAGE, command->summary));
    }
}

/**
 * bfgctl_fail:
 * @error: what went wrong
 *
 * Prints one line on stderr.
 *
 * Returns: %BFGCTL_EXIT_FAILED
 */
int
bfgctl_fail (const GError *error)
{
  g_autofree char *line = g_strdup (error->message);

  /* One line, whatever the message carried. */
  g_strdelimit (line, "\n", ' ');
  fprintf (stderr, "bfgctl: %s\n", line);

  return BFGCTL_EXIT_FAILED;
}

/**
 * bfgctl_usage:
 * @format: a printf() format for the complaint
 * @...: its arguments
 *
 * Prints a usage complaint on stderr.
 *
 * Returns: %BFGCTL_EXIT_USAGE
 */
int
bfgctl_usage (const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "bfgctl: %s\n", message);
  fprintf (stderr, "%s\n", _("Try “bfgctl --help”."));

  return BFGCTL_EXIT_USAGE;
}

/**
 * bfgctl_print_json:
 * @node: the document
 *
 * Prints @node as pretty JSON, with a final newline, on stdout.
 */
void
bfgctl_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);

  fputs (text, stdout);
  fputc ('\n', stdout);
}

/**
 * bfgctl_parse_options:
 * @parameter_string: what follows the command in the usage line
 * @entries: the command's options
 * @argc: (inout): the argument count; the options are removed
 * @argv: (inout): the arguments; the options are removed
 * @error: return location for a #GError
 *
 * Parses a command's options; anything left is positional.
 *
 * Returns: %FALSE on a usage error
 */
gboolean
bfgctl_parse_options (const char     *parameter_string,
                      GOptionEntry   *entries,
                      int            *argc,
                      char         ***argv,
                      GError        **error)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter_string);

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  return g_option_context_parse (context, argc, argv, error);
}

/**
 * bfgctl_open_workspace:
 * @ctx: the context
 * @writable: whether the command changes the workspace
 * @error: return location for a #GError
 *
 * Opens the workspace once per run. A missing file becomes the demo
 * workspace; an existing one is opened read-only unless @writable, so
 * that reading commands never write a byte.
 *
 * Returns: (transfer none): the workspace, or %NULL on error
 */
BfgWorkspace *
bfgctl_open_workspace (BfgctlContext  *ctx,
                       gboolean        writable,
                       GError        **error)
{
  g_autofree char *default_path = NULL;
  const char *path = ctx->workspace_path;
  BfgWorkspaceFlags flags = BFG_WORKSPACE_FLAGS_NONE;

  if (ctx->workspace != NULL)
    return ctx->workspace;

  if (path == NULL)
    path = default_path = bfg_workspace_dup_default_path ();

  if (!writable && g_file_test (path, G_FILE_TEST_EXISTS))
    flags |= BFG_WORKSPACE_FLAGS_READ_ONLY;

  ctx->workspace = bfg_workspace_open (path, flags, error);

  /* The command still runs: the warning is for the person, on stderr. */
  if (ctx->workspace != NULL && bfg_workspace_get_warning (ctx->workspace) != NULL)
    /* Translators: %s is a warning about the workspace file */
    fprintf (stderr, _("bfgctl: warning: %s\n"),
             bfg_workspace_get_warning (ctx->workspace));

  return ctx->workspace;
}

/**
 * bfgctl_get_engine:
 * @ctx: the context
 * @error: return location for a #GError
 *
 * Evaluates the workspace (opened read-only unless a command opened it
 * writable before).
 *
 * Returns: (transfer none): the engine, or %NULL on error
 */
BfgEngine *
bfgctl_get_engine (BfgctlContext  *ctx,
                   GError        **error)
{
  BfgWorkspace *workspace;

  if (ctx->engine != NULL)
    return ctx->engine;

  workspace = bfgctl_open_workspace (ctx, FALSE, error);
  if (workspace == NULL)
    return NULL;

  ctx->engine = bfg_engine_new (workspace, error);

  return ctx->engine;
}

/* Long generations report progress on a terminal only, so that scripts
 * reading stderr get one line per failure and nothing else. */
static void
on_demo_progress_cb (guint64  rows,
                     guint64  total,
                     gpointer user_data)
{
  if (!isatty (STDERR_FILENO))
    return;

  /* Translators: progress of bfgctl demo --operations: rows written of total */
  fputc ('\r', stderr);
  fprintf (stderr, _("Generating operations rows: %'" PRIu64 " of %'" PRIu64),
           rows, total);
}

static int
demo_command (BfgctlContext  *ctx,
              int             argc,
              char          **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfgWorkspace) ws = NULL;
  g_autofree char *default_path = NULL;
  gboolean force = FALSE;
  gint64 operations = 0;
  const char *path = ctx->workspace_path;
  gboolean generated;
  GOptionEntry entries[] = {
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Replace an existing workspace"), NULL },
    { "operations", 0, 0, G_OPTION_ARG_INT64, &operations,
      N_("Also generate N realistic operations rows"), N_("N") },
    { NULL }
  };

  if (!bfgctl_parse_options (NULL, entries, &argc, &argv, &error))
    return bfgctl_usage ("%s", error->message);

  if (argc != 1)
    return bfgctl_usage (_("demo takes no arguments"));

  if (operations < 0)
    return bfgctl_usage (_("--operations needs a count of zero or more"));

  if (path == NULL)
    path = default_path = bfg_workspace_dup_default_path ();

  if (!bfg_workspace_write_demo (path, force, &error))
    return bfgctl_fail (error);

  if (operations > 0)
    {
      ws = bfg_workspace_open (path, BFG_WORKSPACE_FLAGS_NO_CREATE, &error);
      if (ws == NULL)
        return bfgctl_fail (error);

      bfg_workspace_lock (ws);
      generated = bfg_demo_generate_operations (bfg_workspace_get_db (ws),
                                                (guint64) operations, TRUE,
                                                on_demo_progress_cb, NULL,
                                                NULL, &error);
      bfg_workspace_unlock (ws);

      if (isatty (STDERR_FILENO))
        fputc ('\n', stderr);

      if (!generated)
        return bfgctl_fail (error);
    }

  printf (_("Wrote the demo workspace to %s\n"), path);

  return BFGCTL_EXIT_OK;
}

BFGCTL_REGISTER_COMMAND ("demo", demo_command,
                         N_("Write a fresh demo workspace"))

int
main (int    argc,
      char **argv)
{
  BfgctlContext ctx = { NULL, };
  const char *localedir = g_getenv ("BFG_LOCALEDIR");
  const Command *command = NULL;
  int first = 1;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (commands != NULL)
    g_array_sort (commands, compare_commands);

  /* Global options come before the command word. */
  while (first < argc && argv[first][0] == '-')
    {
      if (g_str_equal (argv[first], "--help") ||
          g_str_equal (argv[first], "-h"))
        {
          print_usage (stdout);
          return BFGCTL_EXIT_OK;
        }
      else if (g_str_equal (argv[first], "--workspace"))
        {
          if (first + 1 >= argc)
            return bfgctl_usage (_("--workspace needs a path"));
          ctx.workspace_path = argv[first + 1];
          first += 2;
        }
      else if (g_str_has_prefix (argv[first], "--workspace="))
        {
          ctx.workspace_path = argv[first] + strlen ("--workspace=");
          first++;
        }
      else
        return bfgctl_usage (_("Unknown option %s"), argv[first]);
    }

  if (first >= argc)
    {
      print_usage (stderr);
      return BFGCTL_EXIT_USAGE;
    }

  for (guint i = 0; commands != NULL && i < commands->len; i++)
    if (g_str_equal (g_array_index (commands, Command, i).name, argv[first]))
      command = &g_array_index (commands, Command, i);

  if (command == NULL)
    return bfgctl_usage (_("Unknown command %s"), argv[first]);

  status = command->handler (&ctx, argc - first, argv + first);

  g_clear_object (&ctx.engine);
  g_clear_object (&ctx.workspace);

  return status;
}
