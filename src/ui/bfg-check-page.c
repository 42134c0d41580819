/* bfg-check-page.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page's four actions (check.record, check.choose, check.accept,
 * check.revoke) are installed on the page, so each open check has its own
 * enabled state. update_actions() is the only place that decides it, and
 * it asks the core: the core refuses a transition for the same reason the
 * page greys it out.
 *
 * A change runs in the core's worker thread, since sqlite may wait for
 * another program's lock for seconds. While it runs, every action of the
 * page is off: the next one is decided on the state that change leaves.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bfg-audit-list.h"
#include "bfg-audit-item.h"
#include "bfg-check-page.h"
#include "bfg-packets.h"
#include "bfg-status-pill.h"
#include "bfg-ui-expressions.h"
#include "bfg-workspace.h"

struct _BfgCheckPage
{
  AdwNavigationPage  parent_instance;

  BfgEngine         *engine;
  BfgCheck          *check;
  char              *actor_id;
  BfgAuditList      *history;
  GHashTable        *why_not;
  GCancellable      *cancellable;
  gboolean           busy;

  AdwPreferencesGroup *requires_group;
  GtkListBox        *requires_list;
  AdwPreferencesGroup *choice_group;
  AdwComboRow       *choice_combo;
  AdwEntryRow       *choice_entry;
  AdwSpinRow        *rpo_row;
  GtkStringList     *choice_presets;
  GtkWidget         *record_button;
  GtkWidget         *choose_button;
  GtkWidget         *accept_button;
  GtkWidget         *revoke_button;
  GtkListBox        *history_list;
};

G_DEFINE_FINAL_TYPE (BfgCheckPage, bfg_check_page, ADW_TYPE_NAVIGATION_PAGE)

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_CHECK,
  PROP_ACTOR_ID,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Values a chooser can start from. They are stored as evidence and land
 * in ProductionInfrastructureDecision.v1 verbatim, so they are names, not
 * translatable phrases; the entry row takes anything else. */
typedef struct
{
  const char *check_id;
  const char * const *presets;
  gboolean with_rpo;
} ChoiceInfo;

static const char * const hosting_presets[] = {
  "Hetzner Cloud (EU)", "OVHcloud (EU)", "AWS eu-central-1",
  "Google Cloud europe-central2", "Azure Poland Central", NULL
};
static const char * const region_presets[] = {
  "EU: Warsaw", "EU: Frankfurt", "EU: Amsterdam", NULL
};
static const char * const runtime_presets[] = {
  "user_md_anna", "user_dispatcher_marek", "user_accountant_olena", NULL
};
static const char * const secrets_presets[] = {
  "Managed secrets + encrypted daily backup",
  "Vault + point-in-time recovery", NULL
};

static const ChoiceInfo choices[] = {
  { "infrastructure.hosting", hosting_presets, FALSE },
  { "infrastructure.region", region_presets, FALSE },
  { "infrastructure.runtimeOwner", runtime_presets, FALSE },
  { "infrastructure.secretsBackup", secrets_presets, TRUE },
};

typedef struct
{
  const char *name;
  BfgAction action;
  gsize button_offset;
} ActionInfo;

typedef gboolean (*ChangeFinish) (BfgWorkspace  *workspace,
                                  GAsyncResult  *result,
                                  GError       **error);

/* One change in flight, and the toast that reports its success. It does
 * not keep the page alive: a page that goes away meanwhile is disposed at
 * once, and its cancellable stops a change still waiting to begin. */
typedef struct
{
  GWeakRef      page;
  ChangeFinish  finish;
  char         *done_text;
} Change;

static void
change_free (Change *change)
{
  g_weak_ref_clear (&change->page);
  g_free (change->done_text);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Change, change_free)

static const ActionInfo page_actions[] = {
  { "check.record", BFG_ACTION_RECORD, G_STRUCT_OFFSET (BfgCheckPage, record_button) },
  { "check.choose", BFG_ACTION_CHOOSE, G_STRUCT_OFFSET (BfgCheckPage, choose_button) },
  { "check.accept", BFG_ACTION_ACCEPT, G_STRUCT_OFFSET (BfgCheckPage, accept_button) },
  { "check.revoke", BFG_ACTION_REVOKE, G_STRUCT_OFFSET (BfgCheckPage, revoke_button) },
};

static const ChoiceInfo *
lookup_choice (BfgCheck *check)
{
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    if (g_strcmp0 (choices[i].check_id, bfg_check_get_id (check)) == 0)
      return &choices[i];

  return NULL;
}

static gboolean
kind_is_signed (BfgCheckKind kind)
{
  switch (kind)
    {
    case BFG_CHECK_KIND_RECORDED:
    case BFG_CHECK_KIND_CHOICE:
    case BFG_CHECK_KIND_ACCEPT_VALUE:
    case BFG_CHECK_KIND_ACCEPT_PACKET:
    case BFG_CHECK_KIND_PROBE:
    case BFG_CHECK_KIND_DRYRUN:
      return TRUE;

    case BFG_CHECK_KIND_DRYRUN_BATCH:
    case BFG_CHECK_KIND_DERIVED:
    case BFG_CHECK_KIND_FACT:
    default:
      return FALSE;
    }
}

/* The one place that decides what the acting actor may do here. */
static void
update_actions (BfgCheckPage *self)
{
  BfgCheckKind kind;

  if (self->engine == NULL || self->check == NULL)
    return;

  kind = bfg_check_get_kind (self->check);

  for (guint i = 0; i < G_N_ELEMENTS (page_actions); i++)
    {
      GtkWidget *button = G_STRUCT_MEMBER (GtkWidget *, self, page_actions[i].button_offset);
      g_autofree char *why = NULL;
      gboolean allowed = FALSE;

      if (self->busy)
        why = g_strdup (_("Saving the previous change…"));
      else if (self->actor_id != NULL)
        allowed = bfg_engine_can_act (self->engine, self->actor_id,
                                      bfg_check_get_id (self->check),
                                      page_actions[i].action, &why);

      gtk_widget_action_set_enabled (GTK_WIDGET (self), page_actions[i].name, allowed);

      if (allowed)
        g_hash_table_remove (self->why_not, page_actions[i].name);
      else
        g_hash_table_insert (self->why_not, (char *) page_actions[i].name,
                             g_strdup (why != NULL ? why : _("Nobody is acting")));

      /* A greyed-out button says why in its tooltip. */
      gtk_widget_set_tooltip_text (button, allowed ? NULL : why);
    }

  gtk_widget_set_visible (self->record_button, kind == BFG_CHECK_KIND_RECORDED);
  gtk_widget_set_visible (GTK_WIDGET (self->choice_group), kind == BFG_CHECK_KIND_CHOICE);
  gtk_widget_set_visible (self->accept_button, kind_is_signed (kind));
  gtk_widget_set_visible (self->revoke_button, kind_is_signed (kind));
}

static void
set_busy (BfgCheckPage *self,
          gboolean      busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_check_notify_cb (BfgCheckPage *self)
{
  update_actions (self);
}

static AdwToastOverlay *
find_overlay (BfgCheckPage *self)
{
  return ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (GTK_WIDGET (self),
                                                     ADW_TYPE_TOAST_OVERLAY));
}

static void
show_toast (BfgCheckPage *self,
            char         *text)
{
  AdwToastOverlay *overlay = find_overlay (self);
  AdwToast *toast = adw_toast_new (text);

  g_free (text);
  adw_toast_set_timeout (toast, 4);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

/* The core has written the change and its event and emitted
 * BfgWorkspace::changed before calling back, and the engine refreshed its
 * models in place on it; every bound badge and count has followed by now. */
static void
finish_change (BfgCheckPage *self,
               gboolean      ok,
               GError       *error,
               char         *success_text)
{
  if (!ok)
    {
      g_free (success_text);
      show_toast (self, g_strdup (error->message));
      return;
    }

  bfg_audit_list_reload (self->history);
  update_actions (self);
  show_toast (self, success_text);
}

static void
on_change_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Change) change = user_data;
  g_autoptr(BfgCheckPage) self = g_weak_ref_get (&change->page);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = change->finish (BFG_WORKSPACE (source), result, &error);

  /* The page went away meanwhile: the change either stopped before it
   * began or committed, and the engine has followed it; there is nothing
   * left to show it on. */
  if (self == NULL || self->engine == NULL)
    return;

  set_busy (self, FALSE);
  finish_change (self, ok, error, g_steal_pointer (&change->done_text));
}

/* Greys the page's actions out until on_change_done_cb(); the caller
 * passes the result to the core's _async call as its user data. */
static Change *
begin_change (BfgCheckPage *self,
              ChangeFinish  finish,
              char         *done_text)
{
  Change *change = g_new0 (Change, 1);

  g_weak_ref_init (&change->page, self);
  change->finish = finish;
  change->done_text = done_text;
  set_busy (self, TRUE);

  return change;
}

static const char *
actor_name (BfgCheckPage *self)
{
  g_autofree char *name = NULL;

  name = bfg_workspace_dup_actor_name (bfg_engine_get_workspace (self->engine),
                                       self->actor_id);
  return g_intern_string (name != NULL ? name : self->actor_id);
}

static GtkWidget *
new_note_entry (void)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = adw_entry_row_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Note"));
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  g_object_set_data (G_OBJECT (list), "entry", row);

  return list;
}

static const char *
dialog_note (AdwAlertDialog *dialog)
{
  GtkWidget *extra = adw_alert_dialog_get_extra_child (dialog);
  GtkEditable *entry = g_object_get_data (G_OBJECT (extra), "entry");

  return gtk_editable_get_text (entry);
}

static void
on_accept_response_cb (AdwAlertDialog *dialog,
                       const char     *response,
                       BfgCheckPage   *self)
{
  const char *note;
  Change *change;

  if (g_strcmp0 (response, "accept") != 0 || self->busy)
    return;

  note = dialog_note (dialog);
  change = begin_change (self, bfg_workspace_accept_finish,
                         /* Translators: "Anna Kowalska accepted Database schema" */
                         g_strdup_printf (_("%s accepted %s"), actor_name (self),
                                          bfg_check_get_title (self->check)));
  bfg_workspace_accept_async (bfg_engine_get_workspace (self->engine),
                              self->actor_id, bfg_check_get_id (self->check),
                              *note != '\0' ? note : NULL, self->cancellable,
                              on_change_done_cb, change);
}

/* What an acceptance binds, asked of the engine: the value and the
 * checksum that bfg_workspace_accept() will store, exactly as stored. */
static char *
describe_signature (BfgCheckPage *self)
{
  g_autofree char *value = NULL;
  g_autofree char *checksum = NULL;

  checksum = bfg_engine_dup_bound_checksum (self->engine, bfg_check_get_id (self->check),
                                            &value);
  if (checksum == NULL)
    /* Translators: %s is a check's title */
    return g_strdup_printf (_("You sign “%s” as accepted."),
                            bfg_check_get_title (self->check));

  /* Translators: the first %s is a check's title, the second what is
   * signed (a value or an evidence note), the last the checksum the
   * acceptance stores, such as sha256:… , which stays as it is */
  return g_strdup_printf (_("You sign “%s” as accepted, bound to:\n\n%s\n\nChecksum %s"),
                          bfg_check_get_title (self->check),
                          value != NULL ? value : "", checksum);
}

static void
bfg_check_page_accept_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  BfgCheckPage *self = BFG_CHECK_PAGE (widget);
  g_autofree char *body = describe_signature (self);
  AdwDialog *dialog;

  dialog = adw_alert_dialog_new (_("Accept Check?"), body);
  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog),
                                  "cancel", _("_Cancel"),
                                  "accept", _("_Accept"),
                                  NULL);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "accept",
                                            ADW_RESPONSE_SUGGESTED);
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "accept");
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
  adw_alert_dialog_set_extra_child (ADW_ALERT_DIALOG (dialog), new_note_entry ());
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_accept_response_cb), self, 0);
  adw_dialog_present (dialog, widget);
}

static void
on_record_response_cb (AdwAlertDialog *dialog,
                       const char     *response,
                       BfgCheckPage   *self)
{
  Change *change;

  if (g_strcmp0 (response, "record") != 0 || self->busy)
    return;

  change = begin_change (self, bfg_workspace_record_finish,
                         /* Translators: "Marek Zielinski recorded evidence for Database schema" */
                         g_strdup_printf (_("%s recorded evidence for %s"), actor_name (self),
                                          bfg_check_get_title (self->check)));
  bfg_workspace_record_async (bfg_engine_get_workspace (self->engine),
                              self->actor_id, bfg_check_get_id (self->check),
                              dialog_note (dialog), self->cancellable,
                              on_change_done_cb, change);
}

static void
on_note_changed_cb (GtkEditable    *entry,
                    AdwAlertDialog *dialog)
{
  adw_alert_dialog_set_response_enabled (dialog, "record",
                                         *gtk_editable_get_text (entry) != '\0');
}

static void
bfg_check_page_record_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  BfgCheckPage *self = BFG_CHECK_PAGE (widget);
  GtkWidget *extra = new_note_entry ();
  AdwDialog *dialog;

  dialog = adw_alert_dialog_new (_("Record Evidence?"), NULL);
  adw_alert_dialog_format_body (ADW_ALERT_DIALOG (dialog),
                                /* Translators: %s is a check's title */
                                _("Describe what was rehearsed for “%s”. The owner "
                                  "accepts it afterwards; you cannot accept your own "
                                  "evidence."),
                                bfg_check_get_title (self->check));
  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog),
                                  "cancel", _("_Cancel"),
                                  "record", _("_Record"),
                                  NULL);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "record",
                                            ADW_RESPONSE_SUGGESTED);
  adw_alert_dialog_set_response_enabled (ADW_ALERT_DIALOG (dialog), "record", FALSE);
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
  adw_alert_dialog_set_extra_child (ADW_ALERT_DIALOG (dialog), extra);
  g_signal_connect_object (g_object_get_data (G_OBJECT (extra), "entry"), "changed",
                           G_CALLBACK (on_note_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_record_response_cb), self, 0);
  adw_dialog_present (dialog, widget);
}

static void
on_revoke_response_cb (AdwAlertDialog *dialog,
                       const char     *response,
                       BfgCheckPage   *self)
{
  Change *change;

  if (g_strcmp0 (response, "revoke") != 0 || self->busy)
    return;

  change = begin_change (self, bfg_workspace_revoke_finish,
                         /* Translators: "Anna Kowalska revoked Database schema" */
                         g_strdup_printf (_("%s revoked %s"), actor_name (self),
                                          bfg_check_get_title (self->check)));
  bfg_workspace_revoke_async (bfg_engine_get_workspace (self->engine),
                              self->actor_id, bfg_check_get_id (self->check),
                              self->cancellable, on_change_done_cb, change);
}

static void
bfg_check_page_revoke_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  BfgCheckPage *self = BFG_CHECK_PAGE (widget);
  AdwDialog *dialog;

  dialog = adw_alert_dialog_new (_("Revoke Acceptance?"), NULL);
  adw_alert_dialog_format_body (ADW_ALERT_DIALOG (dialog),
                                /* Translators: %s is a check's title */
                                _("“%s” stops being ready, and every check and "
                                  "decision that follows it is computed again."),
                                bfg_check_get_title (self->check));
  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog),
                                  "cancel", _("_Cancel"),
                                  "revoke", _("_Revoke"),
                                  NULL);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "revoke",
                                            ADW_RESPONSE_DESTRUCTIVE);
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_revoke_response_cb), self, 0);
  adw_dialog_present (dialog, widget);
}

static char *
dup_choice_value (BfgCheckPage *self)
{
  const ChoiceInfo *info = lookup_choice (self->check);
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->choice_entry));
  g_autofree char *value = NULL;

  if (*typed != '\0')
    value = g_strdup (typed);
  else
    {
      GtkStringObject *item = adw_combo_row_get_selected_item (self->choice_combo);

      if (item == NULL)
        return NULL;
      value = g_strdup (gtk_string_object_get_string (item));
    }

  /* The recovery point objective is part of the value, so that changing
   * it makes an earlier acceptance stale. */
  if (info != NULL && info->with_rpo)
    return g_strdup_printf ("%s; RPO %u min", value,
                            (guint) adw_spin_row_get_value (self->rpo_row));

  return g_steal_pointer (&value);
}

static void
bfg_check_page_choose_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  BfgCheckPage *self = BFG_CHECK_PAGE (widget);
  g_autofree char *value = dup_choice_value (self);
  Change *change;

  if (value == NULL || self->busy)
    return;

  change = begin_change (self, bfg_workspace_choose_finish,
                         /* Translators: "Anna Kowalska chose Hetzner Cloud (EU)" */
                         g_strdup_printf (_("%s chose %s"), actor_name (self), value));
  bfg_workspace_choose_async (bfg_engine_get_workspace (self->engine),
                              self->actor_id, bfg_check_get_id (self->check),
                              value, self->cancellable, on_change_done_cb, change);
}

static void
fill_choices (BfgCheckPage *self)
{
  const ChoiceInfo *info = lookup_choice (self->check);

  if (info == NULL)
    return;

  gtk_string_list_splice (self->choice_presets, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->choice_presets)),
                          (const char * const *) info->presets);
  gtk_widget_set_visible (GTK_WIDGET (self->rpo_row), info->with_rpo);
}

static GtkWidget *
new_requirement_row (BfgCheckPage *self,
                     const char   *id)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("go-next-symbolic");

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  if (g_str_has_prefix (id, "section:"))
    {
      BfgSection *section = bfg_engine_get_section (self->engine, id + strlen ("section:"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     section != NULL ? bfg_section_get_title (section) : id);
      g_object_bind_property (section, "counts-label", row, "subtitle", G_BINDING_SYNC_CREATE);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", id + strlen ("section:"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-section");
    }
  else
    {
      BfgCheck *check = bfg_engine_get_check (self->engine, id);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     check != NULL ? bfg_check_get_title (check) : id);
      if (check != NULL)
        g_object_bind_property (check, "state-label", row, "subtitle", G_BINDING_SYNC_CREATE);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-check");
    }

  return row;
}

static GtkWidget *
create_history_row_cb (gpointer item,
                       gpointer user_data)
{
  BfgAuditItem *event = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;

  /* Translators: an audit event: "check.accept · user_md_anna"; both are
   * identifiers and stay as they are */
  title = g_strdup_printf (_("%s · %s"), bfg_audit_item_get_action (event),
                           bfg_audit_item_get_actor (event));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), bfg_audit_item_get_local_time (event));
  if (bfg_audit_item_get_detail (event) != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               g_object_new (GTK_TYPE_LABEL,
                                             "label", bfg_audit_item_get_detail (event),
                                             "wrap", TRUE,
                                             "xalign", 1.0f,
                                             "css-classes", (const char *[]) { "dim-label", NULL },
                                             NULL));
  return row;
}

static void
setup (BfgCheckPage *self)
{
  const char * const *requires;

  if (self->engine == NULL || self->check == NULL)
    return;

  adw_navigation_page_set_tag (ADW_NAVIGATION_PAGE (self), bfg_check_get_id (self->check));

  requires = bfg_check_get_requires (self->check);
  for (guint i = 0; requires != NULL && requires[i] != NULL; i++)
    gtk_list_box_append (self->requires_list, new_requirement_row (self, requires[i]));
  gtk_widget_set_visible (GTK_WIDGET (self->requires_group),
                          requires != NULL && requires[0] != NULL);

  self->history = bfg_audit_list_new (bfg_engine_get_workspace (self->engine));
  bfg_audit_list_set_check (self->history, bfg_check_get_id (self->check));
  gtk_list_box_bind_model (self->history_list, G_LIST_MODEL (self->history),
                           create_history_row_cb, NULL, NULL);

  fill_choices (self);

  g_signal_connect_object (self->check, "notify",
                           G_CALLBACK (on_check_notify_cb), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
}

static char *
kind_text_cb (BfgCheckPage *self,
              BfgCheckKind  kind)
{
  switch (kind)
    {
    case BFG_CHECK_KIND_RECORDED:
      return g_strdup (_("Recorded evidence, accepted by the owner"));
    case BFG_CHECK_KIND_CHOICE:
      return g_strdup (_("A chosen value, accepted by the owner"));
    case BFG_CHECK_KIND_ACCEPT_VALUE:
      return g_strdup (_("The owner accepts a value computed from the workspace"));
    case BFG_CHECK_KIND_ACCEPT_PACKET:
      return g_strdup (_("The owner accepts a packet’s checksum"));
    case BFG_CHECK_KIND_PROBE:
      return g_strdup (_("A connection probe step, accepted by the owner"));
    case BFG_CHECK_KIND_DRYRUN:
      return g_strdup (_("A dry-run step, accepted by the owner"));
    case BFG_CHECK_KIND_DRYRUN_BATCH:
      return g_strdup (_("Verified by the latest dry-run replay"));
    case BFG_CHECK_KIND_DERIVED:
      return g_strdup (_("Follows other checks; nobody signs it"));
    case BFG_CHECK_KIND_FACT:
      return g_strdup (_("A fact of the workspace"));
    default:
      return g_strdup ("");
    }
}

static char *
or_none_cb (BfgCheckPage *self,
            const char   *text)
{
  if (text == NULL || *text == '\0')
    return g_strdup (C_("value", "None"));

  return g_markup_escape_text (text, -1);
}

static void
bfg_check_page_dispose (GObject *object)
{
  BfgCheckPage *self = BFG_CHECK_PAGE (object);

  /* A change that has not begun stops; one that has still commits, and
   * on_change_done_cb() finds the page gone. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), BFG_TYPE_CHECK_PAGE);
  g_clear_object (&self->history);
  g_clear_object (&self->check);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (bfg_check_page_parent_class)->dispose (object);
}

static void
bfg_check_page_finalize (GObject *object)
{
  BfgCheckPage *self = BFG_CHECK_PAGE (object);

  g_clear_pointer (&self->actor_id, g_free);
  g_clear_pointer (&self->why_not, g_hash_table_unref);

  G_OBJECT_CLASS (bfg_check_page_parent_class)->finalize (object);
}

static void
bfg_check_page_constructed (GObject *object)
{
  G_OBJECT_CLASS (bfg_check_page_parent_class)->constructed (object);

  setup (BFG_CHECK_PAGE (object));
}

static void
bfg_check_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BfgCheckPage *self = BFG_CHECK_PAGE (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;

    case PROP_CHECK:
      g_value_set_object (value, self->check);
      break;

    case PROP_ACTOR_ID:
      g_value_set_string (value, self->actor_id);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_check_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BfgCheckPage *self = BFG_CHECK_PAGE (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      self->engine = g_value_dup_object (value);
      break;

    case PROP_CHECK:
      self->check = g_value_dup_object (value);
      break;

    case PROP_ACTOR_ID:
      bfg_check_page_set_actor_id (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_check_page_class_init (BfgCheckPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bfg_check_page_constructed;
  object_class->dispose = bfg_check_page_dispose;
  object_class->finalize = bfg_check_page_finalize;
  object_class->get_property = bfg_check_page_get_property;
  object_class->set_property = bfg_check_page_set_property;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL,
                         BFG_TYPE_ENGINE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_CHECK] =
    g_param_spec_object ("check", NULL, NULL,
                         BFG_TYPE_CHECK,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_ACTOR_ID] =
    g_param_spec_string ("actor-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "check.record", NULL,
                                   bfg_check_page_record_action);
  gtk_widget_class_install_action (widget_class, "check.choose", NULL,
                                   bfg_check_page_choose_action);
  gtk_widget_class_install_action (widget_class, "check.accept", NULL,
                                   bfg_check_page_accept_action);
  gtk_widget_class_install_action (widget_class, "check.revoke", NULL,
                                   bfg_check_page_revoke_action);

  g_type_ensure (BFG_TYPE_STATUS_PILL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/bfg-check-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BfgCheckPage, requires_group);
  gtk_widget_class_bind_template_child (widget_class, BfgCheckPage, requires_list);
  gtk_widget_class_bind_template_child (widget_class, BfgCheckPage, choice_group);
  gtk_widget_class_bind_template_child (widget_class, BfgCheckPage, choice_combo);
  gtk_widget_class_bind_template_child (widget_class, BfgCheckPage, choice_entry);
  gtk_widget_class_bind_template_child (widget_class, BfgCheckPage, choice_presets);
  gtk_widget_class_bind_template_child (widget_class, BfgCheckPage, rpo_row);
  gtk_widget_class_bind_template_child (widget_class, BfgCheckPage, record_button);
  gtk_widget_class_bind_template_child (widget_class, BfgCheckPage, choose_button);
  gtk_widget_class_bind_template_child (widget_class, BfgCheckPage, accept_button);
  gtk_widget_class_bind_template_child (widget_class, BfgCheckPage, revoke_button);
  gtk_widget_class_bind_template_child (widget_class, BfgCheckPage, history_list);
  gtk_widget_class_bind_template_callback (widget_class, kind_text_cb);
  bfg_ui_bind_expression_callbacks (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, or_none_cb);
}

static void
bfg_check_page_init (BfgCheckPage *self)
{
  self->why_not = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

BfgCheckPage *
bfg_check_page_new (BfgEngine  *engine,
                    BfgCheck   *check,
                    const char *actor_id)
{
  g_return_val_if_fail (BFG_IS_ENGINE (engine), NULL);
  g_return_val_if_fail (BFG_IS_CHECK (check), NULL);

  return g_object_new (BFG_TYPE_CHECK_PAGE,
                       "engine", engine,
                       "check", check,
                       "actor-id", actor_id,
                       NULL);
}

BfgCheck *
bfg_check_page_get_check (BfgCheckPage *self)
{
  g_return_val_if_fail (BFG_IS_CHECK_PAGE (self), NULL);

  return self->check;
}

const char *
bfg_check_page_get_actor_id (BfgCheckPage *self)
{
  g_return_val_if_fail (BFG_IS_CHECK_PAGE (self), NULL);

  return self->actor_id;
}

void
bfg_check_page_set_actor_id (BfgCheckPage *self,
                             const char   *actor_id)
{
  g_return_if_fail (BFG_IS_CHECK_PAGE (self));

  if (!g_set_str (&self->actor_id, actor_id))
    return;

  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTOR_ID]);
}

/**
 * bfg_check_page_get_busy:
 * @self: a #BfgCheckPage
 *
 * Returns: %TRUE while a change asked on this page is being written
 */
gboolean
bfg_check_page_get_busy (BfgCheckPage *self)
{
  g_return_val_if_fail (BFG_IS_CHECK_PAGE (self), FALSE);

  return self->busy;
}

/**
 * bfg_check_page_get_why_not:
 * @self: a #BfgCheckPage
 * @action_name: such as "check.accept"
 *
 * Returns: (nullable): why the acting actor may not do @action_name here,
 *   or %NULL when the action is enabled
 */
const char *
bfg_check_page_get_why_not (BfgCheckPage *self,
                            const char   *action_name)
{
  g_return_val_if_fail (BFG_IS_CHECK_PAGE (self), NULL);

  return g_hash_table_lookup (self->why_not, action_name);
}

/**
 * bfg_check_page_set_choice:
 * @self: a #BfgCheckPage
 * @value: the value to type in the entry row
 *
 * Fills the value rows as a user would, before check.choose.
 */
void
bfg_check_page_set_choice (BfgCheckPage *self,
                           const char   *value)
{
  g_return_if_fail (BFG_IS_CHECK_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->choice_entry), value);
}
