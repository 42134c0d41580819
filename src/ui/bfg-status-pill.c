/* bfg-status-pill.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bfg-status-pill.h"

struct _BfgStatusPill
{
  GtkWidget      parent_instance;

  BfgCheckState  state;
  gboolean       no_go;

  GtkImage      *icon;
  GtkLabel      *label;
};

G_DEFINE_FINAL_TYPE (BfgStatusPill, bfg_status_pill, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATE,
  PROP_NO_GO,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Every pill's label, in characters: see widest_word() */
static int width_chars;

typedef struct
{
  const char *text;
  const char *icon_name;
  const char *style_class;
} PillLook;

/* Colour never carries the meaning alone: every state also has its own
 * icon and its own word. */
static const PillLook looks[] = {
  [BFG_CHECK_STATE_BLOCKED] = { NC_("check state", "Blocked"),
                                "action-unavailable-symbolic", "error" },
  [BFG_CHECK_STATE_NEXT]    = { NC_("check state", "Next"),
                                "go-next-symbolic", "accent" },
  [BFG_CHECK_STATE_REVIEW]  = { NC_("check state", "Review"),
                                "document-edit-symbolic", "warning" },
  [BFG_CHECK_STATE_READY]   = { NC_("check state", "Ready"),
                                "object-select-symbolic", "success" },
  [BFG_CHECK_STATE_STALE]   = { NC_("check state", "Stale"),
                                "view-refresh-symbolic", "warning" },
};

static const PillLook no_go_look = {
  /* Translators: the production decision is negative; keep it short */
  NC_("decision", "NO-GO"), "process-stop-symbolic", "error"
};

static const PillLook *
current_look (BfgStatusPill *self)
{
  if (self->no_go)
    return &no_go_look;

  if ((guint) self->state >= G_N_ELEMENTS (looks))
    return &looks[BFG_CHECK_STATE_BLOCKED];

  return &looks[self->state];
}

static void
update_look (BfgStatusPill *self)
{
  const PillLook *look = current_look (self);
  const char *text;
  g_autofree char *accessible = NULL;

  text = g_dpgettext2 (GETTEXT_PACKAGE,
                       self->no_go ? "decision" : "check state",
                       look->text);

  for (guint i = 0; i < G_N_ELEMENTS (looks); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self), looks[i].style_class);
  gtk_widget_add_css_class (GTK_WIDGET (self), look->style_class);

  gtk_image_set_from_icon_name (self->icon, look->icon_name);
  gtk_label_set_label (self->label, text);

  /* Translators: how a screen reader announces a status pill */
  accessible = g_strdup_printf (_("Status: %s"), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

static void
bfg_status_pill_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BFG_TYPE_STATUS_PILL);

  G_OBJECT_CLASS (bfg_status_pill_parent_class)->dispose (object);
}

static void
bfg_status_pill_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BfgStatusPill *self = BFG_STATUS_PILL (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_NO_GO:
      g_value_set_boolean (value, self->no_go);
      break;

    case PROP_TEXT:
      g_value_set_string (value, bfg_status_pill_get_text (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_status_pill_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  BfgStatusPill *self = BFG_STATUS_PILL (object);

  switch (prop_id)
    {
    case PROP_STATE:
      bfg_status_pill_set_state (self, g_value_get_enum (value));
      break;

    case PROP_NO_GO:
      bfg_status_pill_set_no_go (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The longest word a pill can show in this locale, in characters. The
 * locale is set once, before the first pill. */
static int
widest_word (void)
{
  int widest = g_utf8_strlen (g_dpgettext2 (GETTEXT_PACKAGE, "decision",
                                            no_go_look.text), -1);

  for (guint i = 0; i < G_N_ELEMENTS (looks); i++)
    widest = MAX (widest, g_utf8_strlen (g_dpgettext2 (GETTEXT_PACKAGE, "check state",
                                                       looks[i].text), -1));

  return widest;
}

static void
bfg_status_pill_class_init (BfgStatusPillClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bfg_status_pill_dispose;
  object_class->get_property = bfg_status_pill_get_property;
  object_class->set_property = bfg_status_pill_set_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       BFG_TYPE_CHECK_STATE, BFG_CHECK_STATE_BLOCKED,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_NO_GO] =
    g_param_spec_boolean ("no-go", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/bfg-status-pill.ui");
  gtk_widget_class_bind_template_child (widget_class, BfgStatusPill, icon);
  gtk_widget_class_bind_template_child (widget_class, BfgStatusPill, label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "status-pill");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);

  width_chars = widest_word ();
}

static void
bfg_status_pill_init (BfgStatusPill *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Every pill keeps one width whatever its state, so a state that
   * changes does not narrow the text beside it and reflow its row. */
  gtk_label_set_width_chars (self->label, width_chars);
  update_look (self);
}

BfgCheckState
bfg_status_pill_get_state (BfgStatusPill *self)
{
  g_return_val_if_fail (BFG_IS_STATUS_PILL (self), BFG_CHECK_STATE_BLOCKED);

  return self->state;
}

void
bfg_status_pill_set_state (BfgStatusPill *self,
                           BfgCheckState  state)
{
  g_return_if_fail (BFG_IS_STATUS_PILL (self));

  if (self->state == state)
    return;

  self->state = state;
  update_look (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

gboolean
bfg_status_pill_get_no_go (BfgStatusPill *self)
{
  g_return_val_if_fail (BFG_IS_STATUS_PILL (self), FALSE);

  return self->no_go;
}

void
bfg_status_pill_set_no_go (BfgStatusPill *self,
                           gboolean       no_go)
{
  g_return_if_fail (BFG_IS_STATUS_PILL (self));

  no_go = !!no_go;
  if (self->no_go == no_go)
    return;

  self->no_go = no_go;
  update_look (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NO_GO]);
}

/**
 * bfg_status_pill_get_text:
 * @self: a #BfgStatusPill
 *
 * Returns: the translated word the pill shows
 */
const char *
bfg_status_pill_get_text (BfgStatusPill *self)
{
  g_return_val_if_fail (BFG_IS_STATUS_PILL (self), NULL);

  return gtk_label_get_label (self->label);
}
