/* bfg-packet-view.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text comes from the packets module, rendered from the same state the
 * checks above it show; the view re-renders whenever the engine's
 * decisions change, so a reviewer never reads a stale packet.
 *
 * A render evaluates the whole workspace, so it runs on a worker thread
 * and only while the view is mapped: a hidden view just remembers that it
 * is stale and renders when it is shown. A burst of changes while a
 * render runs costs one more render, not one per change.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "bfg-models.h"
#include "bfg-packet-view.h"
#include "bfg-packets.h"
#include "bfg-text-buffer-util.h"
#include "bfg-workspace.h"

struct _BfgPacketView
{
  GtkWidget      parent_instance;

  BfgEngine     *engine;
  char          *packet_name;
  char          *text;
  char          *checksum;
  GCancellable  *cancellable;
  gboolean       stale;
  gboolean       rendering;

  GtkTextView   *text_view;
  GtkLabel      *checksum_label;
};

G_DEFINE_FINAL_TYPE (BfgPacketView, bfg_packet_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_PACKET_NAME,
  PROP_TEXT,
  PROP_CHECKSUM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_decisions_notify_cb (BfgPacketView *self)
{
  bfg_packet_view_refresh (self);
}

typedef struct
{
  BfgWorkspace *workspace;
  char         *packet_name;
} RenderData;

static void
render_data_free (gpointer data)
{
  RenderData *render = data;

  g_clear_object (&render->workspace);
  g_free (render->packet_name);
  g_free (render);
}

/* Renders on a read-only connection of its own, in one read transaction:
 * the evaluation and the packet see one committed state of the workspace,
 * and the main thread's connection stays free. Some packets digest every
 * scenario row, which takes seconds on a million rows; holding the shared
 * connection's lock that long would stall the main thread on its next read,
 * such as the engine's refresh after a change. */
static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderData *render = task_data;
  g_autoptr(BfgWorkspace) reader = NULL;
  GError *error = NULL;
  BfgPacket *packet = NULL;
  sqlite3 *db;

  reader = bfg_workspace_open (bfg_workspace_get_path (render->workspace),
                               BFG_WORKSPACE_FLAGS_READ_ONLY |
                               BFG_WORKSPACE_FLAGS_NO_CREATE, &error);
  if (reader != NULL)
    {
      db = bfg_workspace_get_db (reader);
      bfg_workspace_lock (reader);
      if (sqlite3_exec (db, "begin", NULL, NULL, NULL) == SQLITE_OK)
        {
          packet = bfg_packet_render_current (reader, render->packet_name, &error);
          sqlite3_exec (db, "commit", NULL, NULL, NULL);
        }
      else
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", sqlite3_errmsg (db));
      bfg_workspace_unlock (reader);
    }

  if (packet == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, packet, (GDestroyNotify) bfg_packet_unref);
}

static void start_render (BfgPacketView *self);

static void
show_packet (BfgPacketView *self,
             BfgPacket     *packet)
{
  GtkTextBuffer *buffer;

  if (g_strcmp0 (self->text, bfg_packet_get_text (packet)) == 0)
    return;

  buffer = gtk_text_view_get_buffer (self->text_view);
  /* A new render usually changes a few values: the text view then lays
   * out those lines again rather than the whole packet, which took up to
   * 100 ms of the main loop for a hundred lines. */
  bfg_text_buffer_replace_changed (buffer, self->text, bfg_packet_get_text (packet));

  g_set_str (&self->text, bfg_packet_get_text (packet));
  g_set_str (&self->checksum, bfg_packet_get_checksum (packet));
  gtk_label_set_label (self->checksum_label, self->checksum);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKSUM]);
}

static void
on_render_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  BfgPacketView *self = BFG_PACKET_VIEW (object);
  g_autoptr(BfgPacket) packet = NULL;
  g_autoptr(GError) error = NULL;

  packet = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->rendering = FALSE;
  if (packet == NULL)
    g_warning ("Could not render %s: %s", self->packet_name, error->message);
  else
    show_packet (self, packet);

  /* The state changed again while this render ran. */
  if (self->stale && gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_render (self);
}

static void
start_render (BfgPacketView *self)
{
  g_autoptr(GTask) task = NULL;
  RenderData *render;

  render = g_new0 (RenderData, 1);
  render->workspace = g_object_ref (bfg_engine_get_workspace (self->engine));
  render->packet_name = g_strdup (self->packet_name);

  self->stale = FALSE;
  self->rendering = TRUE;

  task = g_task_new (self, self->cancellable, on_render_done_cb, NULL);
  g_task_set_source_tag (task, start_render);
  g_task_set_task_data (task, render, render_data_free);
  g_task_run_in_thread (task, render_thread);
}

static void
bfg_packet_view_copy_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  BfgPacketView *self = BFG_PACKET_VIEW (widget);
  AdwToastOverlay *overlay;

  if (self->text == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->text);

  overlay = ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY));
  if (overlay != NULL)
    /* Translators: %s is a packet name such as ProductionRollbackDrill.v1 */
    adw_toast_overlay_add_toast (overlay,
                                 adw_toast_new_format (_("Copied %s"),
                                                       self->packet_name));
}

static void
on_replace_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(BfgPacketView) self = user_data;
  g_autoptr(GError) error = NULL;
  AdwToastOverlay *overlay;
  AdwToast *toast;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    toast = adw_toast_new_format (_("Could not save the packet: %s"),
                                  error->message);
  else
    /* Translators: %s is a packet name such as ProductionRollbackDrill.v1 */
    toast = adw_toast_new_format (_("Saved %s"), self->packet_name);

  overlay = ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (GTK_WIDGET (self),
                                                        ADW_TYPE_TOAST_OVERLAY));
  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
on_save_dialog_done_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(BfgPacketView) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, &error);
  if (file == NULL || self->text == NULL)
    return;

  bytes = g_bytes_new (self->text, strlen (self->text));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->cancellable,
                                       on_replace_done_cb,
                                       g_object_ref (self));
}

static void
bfg_packet_view_save_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  BfgPacketView *self = BFG_PACKET_VIEW (widget);
  g_autoptr(GtkFileDialog) dialog = NULL;
  g_autofree char *name = NULL;

  if (self->text == NULL)
    return;

  name = g_strconcat (self->packet_name, ".txt", NULL);
  dialog = g_object_new (GTK_TYPE_FILE_DIALOG,
                         "title", _("Save Packet"),
                         "initial-name", name,
                         "modal", TRUE,
                         NULL);
  gtk_file_dialog_save (dialog,
                        GTK_WINDOW (gtk_widget_get_root (widget)),
                        self->cancellable,
                        on_save_dialog_done_cb,
                        g_object_ref (self));
}

static void
set_engine (BfgPacketView *self,
            BfgEngine     *engine)
{
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (bfg_engine_get_decisions (self->engine),
                                          self);

  g_set_object (&self->engine, engine);

  if (engine != NULL)
    g_signal_connect_object (bfg_engine_get_decisions (engine), "notify",
                             G_CALLBACK (on_decisions_notify_cb), self,
                             G_CONNECT_SWAPPED);

  bfg_packet_view_refresh (self);
}

static void
bfg_packet_view_map (GtkWidget *widget)
{
  BfgPacketView *self = BFG_PACKET_VIEW (widget);

  GTK_WIDGET_CLASS (bfg_packet_view_parent_class)->map (widget);

  if (self->stale)
    bfg_packet_view_refresh (self);
}

static void
bfg_packet_view_dispose (GObject *object)
{
  BfgPacketView *self = BFG_PACKET_VIEW (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), BFG_TYPE_PACKET_VIEW);

  /* The template's root box has no id, so dispose_template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->engine);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (bfg_packet_view_parent_class)->dispose (object);
}

static void
bfg_packet_view_finalize (GObject *object)
{
  BfgPacketView *self = BFG_PACKET_VIEW (object);

  g_clear_pointer (&self->packet_name, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->checksum, g_free);

  G_OBJECT_CLASS (bfg_packet_view_parent_class)->finalize (object);
}

static void
bfg_packet_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BfgPacketView *self = BFG_PACKET_VIEW (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;

    case PROP_PACKET_NAME:
      g_value_set_string (value, self->packet_name);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_CHECKSUM:
      g_value_set_string (value, self->checksum);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_packet_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  BfgPacketView *self = BFG_PACKET_VIEW (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      set_engine (self, g_value_get_object (value));
      break;

    case PROP_PACKET_NAME:
      g_set_str (&self->packet_name, g_value_get_string (value));
      bfg_packet_view_refresh (self);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_packet_view_class_init (BfgPacketViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bfg_packet_view_dispose;
  object_class->finalize = bfg_packet_view_finalize;
  object_class->get_property = bfg_packet_view_get_property;
  object_class->set_property = bfg_packet_view_set_property;

  widget_class->map = bfg_packet_view_map;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL,
                         BFG_TYPE_ENGINE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_PACKET_NAME] =
    g_param_spec_string ("packet-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_CHECKSUM] =
    g_param_spec_string ("checksum", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "packet.copy", NULL,
                                   bfg_packet_view_copy_action);
  gtk_widget_class_install_action (widget_class, "packet.save", NULL,
                                   bfg_packet_view_save_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/bfg-packet-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BfgPacketView, text_view);
  gtk_widget_class_bind_template_child (widget_class, BfgPacketView, checksum_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "packet-view");
}

static void
bfg_packet_view_init (BfgPacketView *self)
{
  self->cancellable = g_cancellable_new ();
  self->stale = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * bfg_packet_view_new:
 * @engine: the engine whose workspace the packet is rendered from
 * @packet_name: such as "ProductionAdapterMigrationRunbook.v1"
 *
 * Returns: (transfer floating): a new packet view
 */
GtkWidget *
bfg_packet_view_new (BfgEngine  *engine,
                     const char *packet_name)
{
  g_return_val_if_fail (BFG_IS_ENGINE (engine), NULL);
  g_return_val_if_fail (packet_name != NULL, NULL);

  return g_object_new (BFG_TYPE_PACKET_VIEW,
                       "engine", engine,
                       "packet-name", packet_name,
                       NULL);
}

const char *
bfg_packet_view_get_text (BfgPacketView *self)
{
  g_return_val_if_fail (BFG_IS_PACKET_VIEW (self), NULL);

  return self->text;
}

const char *
bfg_packet_view_get_checksum (BfgPacketView *self)
{
  g_return_val_if_fail (BFG_IS_PACKET_VIEW (self), NULL);

  return self->checksum;
}

/**
 * bfg_packet_view_refresh:
 * @self: a #BfgPacketView
 *
 * Renders the packet again from the workspace's current state, on a
 * worker thread; #BfgPacketView:text changes once it is done. A view that
 * is not mapped renders when it next is.
 */
void
bfg_packet_view_refresh (BfgPacketView *self)
{
  g_return_if_fail (BFG_IS_PACKET_VIEW (self));

  if (self->engine == NULL || self->packet_name == NULL)
    return;

  self->stale = TRUE;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || self->rendering)
    return;

  start_render (self);
}
