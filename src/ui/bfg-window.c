/* bfg-window.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window opens a workspace off the main thread, then lists one sidebar
 * row per section of the seed and builds a section's page, bound to the
 * engine's models, only when it is first shown: the first frame needs the
 * overview alone, and most sessions never open most pages. The sidebar's
 * badges are bound to the sections themselves, so they are live whether
 * the page exists or not. Accepting a check anywhere makes the core write
 * and the engine refresh its models in place; every badge, count and
 * decision follows through its binding.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bfg-bundle.h"
#include "bfg-check-page.h"
#include "bfg-connection-form.h"
#include "bfg-dry-run-panel.h"
#include "bfg-audit-page.h"
#include "bfg-models.h"
#include "bfg-overview-page.h"
#include "bfg-packet-view.h"
#include "bfg-packets.h"
#include "bfg-production-page.h"
#include "bfg-providers-page.h"
#include "bfg-rbac-page.h"
#include "bfg-section-page.h"
#include "bfg-session-page.h"
#include "bfg-sidebar-row.h"
#include "bfg-ui-util.h"
#include "bfg-window.h"
#include "bfg-workspace.h"

#define MAX_RECENT 8

struct _BfgWindow
{
  AdwApplicationWindow    parent_instance;

  char                   *workspace_path;
  char                   *actor_id;
  BfgEngine              *engine;
  GSettings              *settings;
  GHashTable             *pages;
  GCancellable           *cancellable;

  AdwToastOverlay        *toast_overlay;
  AdwNavigationSplitView *split_view;
  AdwNavigationView      *content_view;
  GtkListBox             *sidebar;
  GtkDropDown            *actor_dropdown;
  GMenu                  *recent_menu;
  AdwNavigationPage      *placeholder_page;
  AdwStatusPage          *placeholder_status;
};

G_DEFINE_FINAL_TYPE (BfgWindow, bfg_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_WORKSPACE_PATH,
  PROP_ACTOR_ID,
  PROP_ENGINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  const char *id;
  const char *title;
  const char *group;
  const char *section;
  const char *packet;
} PageInfo;

/* Every section of the seed, in the order and groups the sidebar shows
 * them. The badge counts come from the section named here. */
static const PageInfo page_table[] = {
  { "overview", N_("Overview"), N_("Readiness"), "gates", NULL },
  { "production", N_("Production decision"), N_("Readiness"), NULL, NULL },
  { "provider-acceptance", NULL, N_("Readiness"), "provider-acceptance", NULL },
  { "infrastructure", NULL, N_("Readiness"), "infrastructure", BFG_PACKET_INFRASTRUCTURE },
  { "wiring", NULL, N_("Readiness"), "wiring", BFG_PACKET_DB_AUTH_WIRING },
  { "providers", NULL, N_("Contracts"), "providers", NULL },
  { "session", N_("Live session"), N_("Contracts"), NULL, NULL },
  { "rbac", N_("RBAC map"), N_("Contracts"), NULL, NULL },
  { "cutover-checklist", NULL, N_("Cutover"), "cutover-checklist", NULL },
  { "decision-board", NULL, N_("Cutover"), "decision-board", NULL },
  { "runbook", NULL, N_("Cutover"), "runbook", BFG_PACKET_MIGRATION_RUNBOOK },
  { "data-cutover", NULL, N_("Cutover"), "data-cutover", BFG_PACKET_DATA_CUTOVER_PLAN },
  { "connection", NULL, N_("Cutover"), "connection", BFG_PACKET_CONNECTION },
  { "dry-run", NULL, N_("Cutover"), "dry-run", BFG_PACKET_DRY_RUN },
  { "preflight", NULL, N_("Cutover"), "preflight", BFG_PACKET_MIGRATION_PREFLIGHT },
  { "release", NULL, N_("Cutover"), "release", BFG_PACKET_RELEASE_HANDOFF },
  { "rollback", NULL, N_("Cutover"), "rollback", BFG_PACKET_ROLLBACK_DRILL },
  { "environments", NULL, N_("Rollout and audit"), "environments", NULL },
  { "audit", N_("Audit trail"), N_("Rollout and audit"), NULL, NULL },
};

static const char * const page_ids[] = {
  "overview", "production", "provider-acceptance", "infrastructure", "wiring",
  "providers", "session", "rbac", "cutover-checklist", "decision-board",
  "runbook", "data-cutover", "connection", "dry-run", "preflight", "release",
  "rollback", "environments", "audit", NULL
};

static void
add_toast (BfgWindow *self,
           char      *text)
{
  AdwToast *toast = adw_toast_new (text);

  g_free (text);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static AdwNavigationPage *
build_section_page (BfgWindow      *self,
                    const PageInfo *info)
{
  BfgSection *section = bfg_engine_get_section (self->engine, info->section);
  BfgSectionPage *page;
  GtkWidget *extra = NULL;
  GtkWidget *runner = NULL;

  if (section == NULL)
    return NULL;

  page = bfg_section_page_new (section);
  adw_navigation_page_set_tag (ADW_NAVIGATION_PAGE (page), info->id);
  bfg_section_page_set_decisions (page, bfg_engine_get_decisions (self->engine));

  if (info->packet != NULL)
    extra = bfg_packet_view_new (self->engine, info->packet);

  /* The Connection and Dry-run pages produce their own evidence: the
   * form or the runner goes above the packet, acting as the window's actor. */
  if (g_str_equal (info->id, "connection"))
    runner = bfg_connection_form_new (self->engine, self->actor_id);
  else if (g_str_equal (info->id, "dry-run"))
    runner = bfg_dry_run_panel_new (self->engine, self->actor_id);

  if (runner != NULL)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

      g_object_bind_property (self, "actor-id", runner, "actor-id", G_BINDING_SYNC_CREATE);
      gtk_box_append (GTK_BOX (box), runner);
      if (extra != NULL)
        gtk_box_append (GTK_BOX (box), extra);
      extra = box;
    }

  if (extra != NULL)
    bfg_section_page_set_extra (page, extra);

  return ADW_NAVIGATION_PAGE (page);
}

static AdwNavigationPage *
build_page (BfgWindow      *self,
            const PageInfo *info)
{
  if (g_str_equal (info->id, "overview"))
    return bfg_overview_page_new (self->engine);
  if (g_str_equal (info->id, "production"))
    return bfg_production_page_new (self->engine);
  if (g_str_equal (info->id, "providers"))
    return bfg_providers_page_new (self->engine);
  if (g_str_equal (info->id, "session"))
    return bfg_session_page_new (self->engine);
  if (g_str_equal (info->id, "rbac"))
    return bfg_rbac_page_new (self->engine);
  if (g_str_equal (info->id, "audit"))
    return ADW_NAVIGATION_PAGE (bfg_audit_page_new (self->engine));

  return build_section_page (self, info);
}

static void
update_header_func (GtkListBoxRow *row,
                    GtkListBoxRow *before,
                    gpointer       user_data)
{
  const char *group = bfg_sidebar_row_get_group (BFG_SIDEBAR_ROW (row));
  GtkWidget *header;

  if (before != NULL &&
      g_strcmp0 (group, bfg_sidebar_row_get_group (BFG_SIDEBAR_ROW (before))) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_label_new (_(group));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_widget_add_css_class (header, "sidebar-group");
  if (before == NULL)
    gtk_widget_add_css_class (header, "first");
  gtk_accessible_update_property (GTK_ACCESSIBLE (header), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(group), -1);
  gtk_list_box_row_set_header (row, header);
}

static void
clear_console (BfgWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar))) != NULL)
    gtk_list_box_remove (self->sidebar, child);

  g_hash_table_remove_all (self->pages);
  adw_navigation_view_replace (self->content_view, &self->placeholder_page, 1);
}

static const PageInfo *
lookup_page_info (const char *page_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_table); i++)
    if (g_str_equal (page_table[i].id, page_id))
      return &page_table[i];

  return NULL;
}

/* Builds a page the first time it is asked for and keeps it, so that a
 * page's scroll position and filters survive going elsewhere and back. */
static AdwNavigationPage *
ensure_page (BfgWindow  *self,
             const char *page_id)
{
  const PageInfo *info;
  AdwNavigationPage *page;
  gint64 start;

  if (self->engine == NULL)
    return NULL;

  page = g_hash_table_lookup (self->pages, page_id);
  if (page != NULL)
    return page;

  info = lookup_page_info (page_id);
  if (info == NULL)
    return NULL;

  start = g_get_monotonic_time ();
  page = build_page (self, info);
  if (page == NULL)
    return NULL;

  g_debug ("Built page %s in %.1f ms", info->id,
           (g_get_monotonic_time () - start) / 1000.0);
  g_hash_table_insert (self->pages, (char *) info->id, g_object_ref_sink (page));

  return page;
}

static void
build_console (BfgWindow *self)
{
  gint64 start = g_get_monotonic_time ();

  clear_console (self);

  /* Only the rows: each binds its badge to its section, which the engine
   * keeps current, so no page has to exist for the sidebar to be live. */
  for (guint i = 0; i < G_N_ELEMENTS (page_table); i++)
    {
      const PageInfo *info = &page_table[i];
      BfgSection *section = NULL;
      const char *title;

      if (info->section != NULL)
        {
          section = bfg_engine_get_section (self->engine, info->section);
          if (section == NULL)
            {
              g_warning ("The workspace has no section %s", info->section);
              continue;
            }
        }

      title = info->title != NULL ? _(info->title) : bfg_section_get_title (section);
      gtk_list_box_append (self->sidebar,
                           bfg_sidebar_row_new (info->id, title, info->group, section));
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", "overview");
  g_debug ("Built the sidebar and the overview in %.1f ms",
           (g_get_monotonic_time () - start) / 1000.0);
  bfg_ui_trace_startup ("console-built");
}

static void
select_actor_in_dropdown (BfgWindow *self)
{
  GListModel *actors;
  guint n;

  if (self->engine == NULL)
    return;

  actors = bfg_engine_get_actors (self->engine);
  n = g_list_model_get_n_items (actors);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BfgActor) actor = g_list_model_get_item (actors, i);

      if (g_strcmp0 (bfg_actor_get_id (actor), self->actor_id) == 0)
        {
          gtk_drop_down_set_selected (self->actor_dropdown, i);
          return;
        }
    }
}

static void
set_actor_id (BfgWindow  *self,
              const char *actor_id)
{
  if (!g_set_str (&self->actor_id, actor_id))
    return;

  if (actor_id != NULL)
    g_settings_set_string (self->settings, "last-actor", actor_id);

  select_actor_in_dropdown (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTOR_ID]);
}

static void
on_actor_selected_cb (BfgWindow *self)
{
  BfgActor *actor = gtk_drop_down_get_selected_item (self->actor_dropdown);

  if (actor != NULL)
    set_actor_id (self, bfg_actor_get_id (actor));
}

static void
update_recent_menu (BfgWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-workspaces");

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *label = g_filename_display_basename (recent[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "win.open-recent", "s", recent[i]);
      g_menu_append_item (self->recent_menu, item);
    }
}

static void
remember_workspace (BfgWindow  *self,
                    const char *path)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-workspaces");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT; i++)
    if (g_strcmp0 (recent[i], path) != 0)
      {
        g_strv_builder_add (builder, recent[i]);
        n++;
      }

  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-workspaces", (const char * const *) updated);
  g_settings_set_string (self->settings, "last-workspace", path);
  update_recent_menu (self);
}

static void
set_engine (BfgWindow *self,
            BfgEngine *engine)
{
  g_autofree char *last_actor = NULL;

  if (!g_set_object (&self->engine, engine))
    return;

  gtk_drop_down_set_model (self->actor_dropdown, bfg_engine_get_actors (engine));
  build_console (self);

  last_actor = g_settings_get_string (self->settings, "last-actor");
  g_clear_pointer (&self->actor_id, g_free);
  set_actor_id (self, last_actor);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
}

typedef struct
{
  char     *path;
  gboolean  create;
} OpenData;

static void
open_data_free (gpointer data)
{
  OpenData *open = data;

  g_free (open->path);
  g_free (open);
}

/* Opening runs the migrations and the first evaluation, which can take
 * a while on a large workspace, so it happens on a worker thread; the
 * engine is handed to the main thread only once it is complete. */
static void
open_workspace_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  OpenData *open = task_data;
  g_autoptr(BfgWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 opened;
  BfgEngine *engine;

  workspace = bfg_workspace_open (open->path,
                                  open->create ? BFG_WORKSPACE_FLAGS_NONE
                                               : BFG_WORKSPACE_FLAGS_NO_CREATE,
                                  &error);
  if (workspace == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  opened = g_get_monotonic_time ();
  engine = bfg_engine_new (workspace, &error);
  if (engine == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_debug ("Opened the workspace in %.1f ms, evaluated it in %.1f ms",
           (opened - start) / 1000.0, (g_get_monotonic_time () - opened) / 1000.0);

  g_task_return_pointer (task, engine, g_object_unref);
}

static void
on_workspace_opened_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  BfgWindow *self = BFG_WINDOW (object);
  OpenData *open = g_task_get_task_data (G_TASK (result));
  g_autoptr(BfgEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  AdwDialog *dialog;

  engine = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  bfg_ui_trace_startup ("engine-ready");

  if (engine != NULL)
    {
      const char *warning = bfg_workspace_get_warning (bfg_engine_get_workspace (engine));

      g_set_str (&self->workspace_path, open->path);
      remember_workspace (self, open->path);
      set_engine (self, engine);

      /* It opened, but the person must know that others can write it. */
      if (warning != NULL)
        add_toast (self, g_strdup (warning));
      return;
    }

  adw_status_page_set_title (self->placeholder_status, _("No Workspace Open"));
  adw_status_page_set_paintable (self->placeholder_status, NULL);
  adw_status_page_set_icon_name (self->placeholder_status, "dialog-warning-symbolic");

  dialog = adw_alert_dialog_new (_("Could Not Open Workspace"), NULL);
  /* Translators: the first %s is a file name, the second why it failed */
  adw_alert_dialog_format_body (ADW_ALERT_DIALOG (dialog),
                                _("“%s” was left untouched.\n\n%s"),
                                open->path, error->message);
  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "close", _("_Close"));
  adw_dialog_present (dialog, GTK_WIDGET (self));
}

static void
bfg_window_show_page_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  BfgWindow *self = BFG_WINDOW (widget);
  const char *page_id = g_variant_get_string (parameter, NULL);
  AdwNavigationPage *page;
  GtkWidget *row;

  /* A section without a page of its own lives inside another one. */
  if (g_str_equal (page_id, "gates"))
    page_id = "overview";
  else if (g_str_equal (page_id, "data-batches"))
    page_id = "data-cutover";

  page = ensure_page (self, page_id);
  if (page == NULL)
    return;

  adw_navigation_view_replace (self->content_view, &page, 1);
  adw_navigation_split_view_set_show_content (self->split_view, TRUE);

  row = bfg_window_get_sidebar_row (self, adw_navigation_page_get_tag (page));
  if (row != NULL)
    gtk_list_box_select_row (self->sidebar, GTK_LIST_BOX_ROW (row));
}

static void
bfg_window_show_check_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  BfgWindow *self = BFG_WINDOW (widget);
  const char *check_id = g_variant_get_string (parameter, NULL);
  BfgCheckPage *page;
  BfgCheck *check;

  if (self->engine == NULL ||
      (check = bfg_engine_get_check (self->engine, check_id)) == NULL)
    return;

  page = bfg_check_page_new (self->engine, check, self->actor_id);
  g_object_bind_property (self, "actor-id", page, "actor-id", G_BINDING_DEFAULT);
  adw_navigation_view_push (self->content_view, ADW_NAVIGATION_PAGE (page));
  adw_navigation_split_view_set_show_content (self->split_view, TRUE);
}

static void
bfg_window_go_recommended_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  BfgWindow *self = BFG_WINDOW (widget);
  const char *check_id;
  BfgCheck *check;

  if (self->engine == NULL)
    return;

  check_id = bfg_decisions_get_recommended_check (bfg_engine_get_decisions (self->engine));
  if (check_id == NULL || (check = bfg_engine_get_check (self->engine, check_id)) == NULL)
    return;

  /* Show the check inside its section, so that going back lands where
   * the work continues. */
  gtk_widget_activate_action (widget, "win.show-page", "s", bfg_check_get_section (check));
  gtk_widget_activate_action (widget, "win.show-check", "s", check_id);
}

static void
on_open_dialog_done_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(BfgWindow) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, NULL);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;

  bfg_window_open_workspace (self, path, FALSE);
}

static void
bfg_window_open_workspace_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  g_autoptr(GtkFileDialog) dialog = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

  gtk_file_filter_set_name (filter, _("Workspaces"));
  gtk_file_filter_add_suffix (filter, "sqlite");
  gtk_file_filter_add_suffix (filter, "db");
  g_list_store_append (filters, filter);

  dialog = g_object_new (GTK_TYPE_FILE_DIALOG,
                         "title", _("Open Workspace"),
                         "modal", TRUE,
                         "filters", filters,
                         NULL);
  gtk_file_dialog_open (dialog, GTK_WINDOW (widget), BFG_WINDOW (widget)->cancellable,
                        on_open_dialog_done_cb, g_object_ref (widget));
}

static void
bfg_window_open_recent_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  bfg_window_open_workspace (BFG_WINDOW (widget), g_variant_get_string (parameter, NULL), FALSE);
}

typedef struct
{
  char *actor_id;
  char *dir;
} ExportData;

static void
export_data_free (gpointer data)
{
  ExportData *export = data;

  g_free (export->actor_id);
  g_free (export->dir);
  g_free (export);
}

static void
export_bundle_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  ExportData *export = task_data;
  BfgWorkspace *workspace = bfg_engine_get_workspace (BFG_WINDOW (source_object)->engine);
  g_autofree char *digest = NULL;
  GError *error = NULL;

  bfg_workspace_lock (workspace);
  if (!bfg_bundle_export (workspace, export->actor_id, export->dir, &digest, &error))
    {
      bfg_workspace_unlock (workspace);
      g_task_return_error (task, error);
      return;
    }
  bfg_workspace_unlock (workspace);

  g_task_return_pointer (task, g_steal_pointer (&digest), g_free);
}

static void
on_bundle_exported_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  BfgWindow *self = BFG_WINDOW (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *digest = NULL;

  digest = g_task_propagate_pointer (G_TASK (result), &error);
  if (digest == NULL)
    {
      add_toast (self, g_strdup (error->message));
      return;
    }

  /* Translators: %s is the first characters of the manifest's SHA-256 */
  add_toast (self, g_strdup_printf (_("Exported the review bundle, manifest %.12s"), digest));
}

static void
on_export_dialog_done_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(BfgWindow) self = user_data;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GTask) task = NULL;
  ExportData *export;

  folder = gtk_file_dialog_select_folder_finish (GTK_FILE_DIALOG (object), result, NULL);
  if (folder == NULL || self->engine == NULL)
    return;

  export = g_new0 (ExportData, 1);
  export->actor_id = g_strdup (self->actor_id);
  export->dir = g_file_get_path (folder);

  task = g_task_new (self, self->cancellable, on_bundle_exported_cb, NULL);
  g_task_set_task_data (task, export, export_data_free);
  g_task_run_in_thread (task, export_bundle_thread);
}

static void
bfg_window_export_bundle_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  BfgWindow *self = BFG_WINDOW (widget);
  g_autoptr(GtkFileDialog) dialog = NULL;

  if (self->engine == NULL)
    return;

  dialog = g_object_new (GTK_TYPE_FILE_DIALOG,
                         "title", _("Export Review Bundle"),
                         "modal", TRUE,
                         NULL);
  gtk_file_dialog_select_folder (dialog, GTK_WINDOW (widget), self->cancellable,
                                 on_export_dialog_done_cb, g_object_ref (self));
}

static void
bfg_window_dispose (GObject *object)
{
  BfgWindow *self = BFG_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->pages != NULL)
    g_hash_table_remove_all (self->pages);
  gtk_widget_dispose_template (GTK_WIDGET (self), BFG_TYPE_WINDOW);
  g_clear_object (&self->engine);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (bfg_window_parent_class)->dispose (object);
}

static void
bfg_window_finalize (GObject *object)
{
  BfgWindow *self = BFG_WINDOW (object);

  g_clear_pointer (&self->workspace_path, g_free);
  g_clear_pointer (&self->actor_id, g_free);
  g_clear_pointer (&self->pages, g_hash_table_unref);

  G_OBJECT_CLASS (bfg_window_parent_class)->finalize (object);
}

static void
bfg_window_constructed (GObject *object)
{
  BfgWindow *self = BFG_WINDOW (object);
  g_autofree char *path = NULL;

  G_OBJECT_CLASS (bfg_window_parent_class)->constructed (object);

  if (self->workspace_path != NULL)
    path = g_strdup (self->workspace_path);
  else
    path = bfg_workspace_dup_default_path ();

  bfg_window_open_workspace (self, path, TRUE);
}

static void
bfg_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  BfgWindow *self = BFG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE_PATH:
      g_value_set_string (value, self->workspace_path);
      break;

    case PROP_ACTOR_ID:
      g_value_set_string (value, self->actor_id);
      break;

    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  BfgWindow *self = BFG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE_PATH:
      g_set_str (&self->workspace_path, g_value_get_string (value));
      break;

    case PROP_ACTOR_ID:
      set_actor_id (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_window_class_init (BfgWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bfg_window_constructed;
  object_class->dispose = bfg_window_dispose;
  object_class->finalize = bfg_window_finalize;
  object_class->get_property = bfg_window_get_property;
  object_class->set_property = bfg_window_set_property;

  properties[PROP_WORKSPACE_PATH] =
    g_param_spec_string ("workspace-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_ACTOR_ID] =
    g_param_spec_string ("actor-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL,
                         BFG_TYPE_ENGINE,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s",
                                   bfg_window_show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-section", "s",
                                   bfg_window_show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-check", "s",
                                   bfg_window_show_check_action);
  gtk_widget_class_install_action (widget_class, "win.go-recommended", NULL,
                                   bfg_window_go_recommended_action);
  gtk_widget_class_install_action (widget_class, "win.open-workspace", NULL,
                                   bfg_window_open_workspace_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s",
                                   bfg_window_open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.export-bundle", NULL,
                                   bfg_window_export_bundle_action);
  /* Switching the acting actor is a property action, so a menu, a
   * shortcut or a test can set it by id. */
  gtk_widget_class_install_property_action (widget_class, "win.actor", "actor-id");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open-workspace", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export-bundle", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.go-recommended", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK,
                                       "win.show-page", "s", "overview");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "win.show-page", "s", "audit");

  g_type_ensure (BFG_TYPE_ACTOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/bfg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BfgWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BfgWindow, split_view);
  gtk_widget_class_bind_template_child (widget_class, BfgWindow, content_view);
  gtk_widget_class_bind_template_child (widget_class, BfgWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, BfgWindow, actor_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BfgWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, BfgWindow, placeholder_page);
  gtk_widget_class_bind_template_child (widget_class, BfgWindow, placeholder_status);
  gtk_widget_class_bind_template_callback (widget_class, on_actor_selected_cb);
}

static void
on_sidebar_row_activated_cb (GtkListBox    *list,
                             GtkListBoxRow *row,
                             BfgWindow     *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s",
                              bfg_sidebar_row_get_page_id (BFG_SIDEBAR_ROW (row)));
}

static void
bfg_window_init (BfgWindow *self)
{
  g_autoptr(AdwSpinnerPaintable) spinner = NULL;

  self->pages = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (BASE_APP_ID);

  gtk_widget_init_template (GTK_WIDGET (self));

  spinner = adw_spinner_paintable_new (GTK_WIDGET (self->placeholder_status));
  adw_status_page_set_paintable (self->placeholder_status, GDK_PAINTABLE (spinner));

  gtk_list_box_set_header_func (self->sidebar, update_header_func, NULL, NULL);
  g_signal_connect_object (self->sidebar, "row-activated",
                           G_CALLBACK (on_sidebar_row_activated_cb), self, 0);
  update_recent_menu (self);

  /* Development builds are told apart by their .Devel app id and title,
   * not by libadwaita's .devel stripes: under GTK 4.18 that style makes
   * the CSS engine log a critical (gtk_css_section_get_bytes) on every
   * window, which would hide real criticals in the tests. */
}

BfgWindow *
bfg_window_new (BfgApplication *application,
                const char     *workspace_path)
{
  return g_object_new (BFG_TYPE_WINDOW,
                       "application", application,
                       "workspace-path", workspace_path,
                       NULL);
}

BfgEngine *
bfg_window_get_engine (BfgWindow *self)
{
  g_return_val_if_fail (BFG_IS_WINDOW (self), NULL);

  return self->engine;
}

const char *
bfg_window_get_actor_id (BfgWindow *self)
{
  g_return_val_if_fail (BFG_IS_WINDOW (self), NULL);

  return self->actor_id;
}

/**
 * bfg_window_open_workspace:
 * @self: a #BfgWindow
 * @path: the workspace file
 * @create: whether a missing file becomes a new demo workspace
 *
 * Opens @path on a worker thread and shows it once its engine is ready.
 * A file that is not a usable workspace is reported and left untouched.
 */
void
bfg_window_open_workspace (BfgWindow  *self,
                           const char *path,
                           gboolean    create)
{
  g_autoptr(GTask) task = NULL;
  OpenData *open;

  g_return_if_fail (BFG_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  open = g_new0 (OpenData, 1);
  open->path = g_strdup (path);
  open->create = create;

  task = g_task_new (self, self->cancellable, on_workspace_opened_cb, NULL);
  g_task_set_source_tag (task, bfg_window_open_workspace);
  g_task_set_task_data (task, open, open_data_free);
  g_task_run_in_thread (task, open_workspace_thread);
}

/**
 * bfg_window_get_visible_page:
 * @self: a #BfgWindow
 *
 * Returns: (transfer none) (nullable): the page the content shows
 */
AdwNavigationPage *
bfg_window_get_visible_page (BfgWindow *self)
{
  g_return_val_if_fail (BFG_IS_WINDOW (self), NULL);

  return adw_navigation_view_get_visible_page (self->content_view);
}

/**
 * bfg_window_get_page:
 * @self: a #BfgWindow
 * @page_id: one of bfg_window_get_page_ids()
 *
 * Pages are built when first shown; asking for one here builds it too.
 *
 * Returns: (transfer none) (nullable): the page, once a workspace is open
 */
AdwNavigationPage *
bfg_window_get_page (BfgWindow  *self,
                     const char *page_id)
{
  g_return_val_if_fail (BFG_IS_WINDOW (self), NULL);
  g_return_val_if_fail (page_id != NULL, NULL);

  return ensure_page (self, page_id);
}

/**
 * bfg_window_get_page_ids:
 *
 * Returns: (transfer none): the ids of the pages, in sidebar order
 */
const char * const *
bfg_window_get_page_ids (void)
{
  return page_ids;
}

/**
 * bfg_window_get_sidebar_row:
 * @self: a #BfgWindow
 * @page_id: a page id
 *
 * Returns: (transfer none) (nullable): the page's #BfgSidebarRow
 */
GtkWidget *
bfg_window_get_sidebar_row (BfgWindow  *self,
                            const char *page_id)
{
  g_return_val_if_fail (BFG_IS_WINDOW (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (BFG_IS_SIDEBAR_ROW (child) &&
        g_strcmp0 (bfg_sidebar_row_get_page_id (BFG_SIDEBAR_ROW (child)), page_id) == 0)
      return child;

  return NULL;
}
