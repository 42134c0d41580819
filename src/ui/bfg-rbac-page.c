/* bfg-rbac-page.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One expander row per actor, holding one row per permission. Actors are
 * fixed for the life of a workspace, so the rows are built once from the
 * model rather than bound property by property.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bfg-rbac-page.h"
#include "bfg-ui-expressions.h"

struct _BfgRbacPage
{
  BfgEnginePage      parent_instance;

  GtkListBox        *actor_list;
};

G_DEFINE_FINAL_TYPE (BfgRbacPage, bfg_rbac_page, BFG_TYPE_ENGINE_PAGE)

static GtkWidget *
create_actor_row_cb (gpointer item,
                     gpointer user_data)
{
  BfgActor *actor = item;
  GtkWidget *row = adw_expander_row_new ();
  const char * const *permissions = bfg_actor_get_permissions (actor);
  g_autofree char *subtitle = NULL;
  g_autofree char *role = NULL;
  GtkWidget *label;
  guint n = bfg_actor_get_n_permissions (actor);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), bfg_actor_get_name (actor));
  /* Translators: an actor's id and desk, "user_md_anna · BFG Control";
   * the id is an identifier */
  subtitle = g_strdup_printf (_("%s · %s"), bfg_actor_get_id (actor), bfg_actor_get_desk (actor));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

  /* Translators: a role and its number of permissions, "Managing director · 5 permissions" */
  role = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u permission",
                                       "%s · %u permissions", n),
                          bfg_actor_get_role_label (actor), n);
  label = g_object_new (GTK_TYPE_LABEL,
                        "label", role,
                        "wrap", TRUE,
                        "xalign", 1.0f,
                        "max-width-chars", 18,
                        "css-classes", (const char *[]) { "dim-label", "caption", NULL },
                        NULL);
  adw_expander_row_add_suffix (ADW_EXPANDER_ROW (row), label);

  for (guint i = 0; permissions != NULL && permissions[i] != NULL; i++)
    {
      GtkWidget *perm = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (perm), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (perm), permissions[i]);
      gtk_widget_add_css_class (perm, "monospace");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), perm);
    }

  return row;
}

static void
bfg_rbac_page_dispose (GObject *object)
{
  BfgRbacPage *self = BFG_RBAC_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BFG_TYPE_RBAC_PAGE);

  G_OBJECT_CLASS (bfg_rbac_page_parent_class)->dispose (object);
}

static void
bfg_rbac_page_constructed (GObject *object)
{
  BfgRbacPage *self = BFG_RBAC_PAGE (object);
  BfgEngine *engine;

  G_OBJECT_CLASS (bfg_rbac_page_parent_class)->constructed (object);

  engine = bfg_engine_page_get_engine (BFG_ENGINE_PAGE (self));
  if (engine != NULL)
    gtk_list_box_bind_model (self->actor_list, bfg_engine_get_actors (engine),
                             create_actor_row_cb, NULL, NULL);
}

static void
bfg_rbac_page_class_init (BfgRbacPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bfg_rbac_page_constructed;
  object_class->dispose = bfg_rbac_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/bfg-rbac-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BfgRbacPage, actor_list);
  bfg_ui_bind_expression_callbacks (widget_class);
}

static void
bfg_rbac_page_init (BfgRbacPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AdwNavigationPage *
bfg_rbac_page_new (BfgEngine *engine)
{
  g_return_val_if_fail (BFG_IS_ENGINE (engine), NULL);

  return g_object_new (BFG_TYPE_RBAC_PAGE,
                       "engine", engine,
                       NULL);
}
