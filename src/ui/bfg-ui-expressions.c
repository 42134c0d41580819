/* bfg-ui-expressions.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page templates reach the engine's models by id: a <closure> turns
 * the page's engine and a <constant> id into the section, check or
 * decisions object, and a <lookup> on top of it follows that object's
 * notifications. Object results are returned with a new reference, as
 * GtkBuilder's closures take ownership of what they return.
 */

#include "config.h"

#include "bfg-ui-expressions.h"

BfgSection *
bfg_ui_section_cb (gpointer    self,
                   BfgEngine  *engine,
                   const char *section_id)
{
  BfgSection *section;

  if (engine == NULL || section_id == NULL)
    return NULL;

  section = bfg_engine_get_section (engine, section_id);
  return section != NULL ? g_object_ref (section) : NULL;
}

BfgCheck *
bfg_ui_check_cb (gpointer    self,
                 BfgEngine  *engine,
                 const char *check_id)
{
  BfgCheck *check;

  if (engine == NULL || check_id == NULL)
    return NULL;

  check = bfg_engine_get_check (engine, check_id);
  return check != NULL ? g_object_ref (check) : NULL;
}

BfgDecisions *
bfg_ui_decisions_cb (gpointer   self,
                     BfgEngine *engine)
{
  if (engine == NULL)
    return NULL;

  return g_object_ref (bfg_engine_get_decisions (engine));
}

/* The session metadata is fixed for the life of a workspace, so a plain
 * read when the engine is set is all it needs. */
char *
bfg_ui_session_cb (gpointer    self,
                   BfgEngine  *engine,
                   const char *key)
{
  char *value;

  if (engine == NULL || key == NULL)
    return g_strdup ("");

  value = bfg_workspace_dup_session_value (bfg_engine_get_workspace (engine), key);
  return value != NULL ? value : g_strdup ("");
}

gboolean
bfg_ui_has_text_cb (gpointer    self,
                    const char *text)
{
  return text != NULL && *text != '\0';
}

gboolean
bfg_ui_not_cb (gpointer self,
               gboolean value)
{
  return !value;
}

/**
 * bfg_ui_bind_expression_callbacks:
 * @widget_class: a class whose template uses the shared closures
 *
 * Makes section_cb, check_cb, decisions_cb, session_cb, has_text_cb and
 * not_cb available to the class's template.
 */
void
bfg_ui_bind_expression_callbacks (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback_full (widget_class, "section_cb",
                                                G_CALLBACK (bfg_ui_section_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "check_cb",
                                                G_CALLBACK (bfg_ui_check_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "decisions_cb",
                                                G_CALLBACK (bfg_ui_decisions_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "session_cb",
                                                G_CALLBACK (bfg_ui_session_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "has_text_cb",
                                                G_CALLBACK (bfg_ui_has_text_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "not_cb",
                                                G_CALLBACK (bfg_ui_not_cb));
}
