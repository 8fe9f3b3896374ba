package io.interchange.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The console's words, {@code {msg:key}} in templates. Chinese is the default ({@code messages/msg_zh.properties}),
 * English is {@code messages/msg_en.properties}; the build fails when a template uses a key that is not here.
 */
@MessageBundle(value = "msg", locale = "zh")
public interface ConsoleMessages {

    @Message
    String app_name();

    @Message
    String skip_to_content();

    @Message
    String demo_banner();

    @Message
    String nav_label();

    @Message
    String nav_catalogue();

    @Message
    String nav_requests();

    @Message
    String nav_inbox();

    @Message
    String nav_ledger();

    @Message
    String language();

    @Message
    String sign_in();

    @Message
    String sign_in_intro();

    @Message
    String sign_in_unknown();

    @Message
    String sign_out();

    @Message
    String error_404();

    @Message
    String error_403();

    @Message
    String error_409();

    @Message
    String error_other();

    @Message
    String back_to_catalogue();

    @Message
    String search_label();

    @Message
    String search_placeholder();

    @Message
    String search();

    @Message
    String facets();

    @Message
    String facet_provider();

    @Message
    String facet_sharing_type();

    @Message
    String facet_mode();

    @Message
    String facet_level();

    @Message
    String facet_format();

    @Message
    String facet_update_cycle();

    @Message
    String stale();

    @Message
    String fresh();

    @Message
    String provider();

    @Message
    String no_results();

    @Message
    String next_page();

    @Message
    String request_access();

    @Message
    String update_cycle();

    @Message
    String sharing_modes();

    @Message
    String sharing_conditions();

    @Message
    String legal_basis();

    @Message
    String not_shared_reason();

    @Message
    String usage_conditions();

    @Message
    String last_data_update();

    @Message
    String links();

    @Message
    String items();

    @Message
    String item_name();

    @Message
    String item_label();

    @Message
    String item_type();

    @Message
    String item_level();

    @Message
    String item_mask();

    @Message
    String sensitive();

    @Message
    String versions();

    @Message
    String no_versions();

    @Message
    String form_has_errors();

    @Message
    String scenario();

    @Message
    String purpose();

    @Message
    String mode();

    @Message
    String valid_until();

    @Message
    String submit_request();

    @Message
    String resource();

    @Message
    String requester();

    @Message
    String status();

    @Message
    String due_at();

    @Message
    String days_left();

    @Message
    String overdue();

    @Message
    String no_requests();

    @Message
    String incoming();

    @Message
    String outgoing();

    @Message
    String request();

    @Message
    String working_days_left();

    @Message
    String reason();

    @Message
    String missing();

    @Message
    String endorse_explain();

    @Message
    String endorse();

    @Message
    String decide();

    @Message
    String outcome();

    @Message
    String outcome_approve();

    @Message
    String outcome_reject();

    @Message
    String outcome_needs_info();

    @Message
    String approved_items();

    @Message
    String missing_one_per_line();

    @Message
    String valid_until_optional();

    @Message
    String submit_decision();

    @Message
    String resource_id();

    @Message
    String department_id();

    @Message
    String kind();

    @Message
    String any();

    @Message
    String from();

    @Message
    String to();

    @Message
    String filter();

    @Message
    String at();

    @Message
    String action();

    @Message
    String fields();

    @Message
    String no_entries();

    @Message
    String nav_cart();

    @Message
    String add_to_cart();

    @Message
    String cart_empty();

    @Message
    String remove();

    @Message
    String submit_cart();

    @Message
    String nav_steward();

    @Message
    String nav_review();

    @Message
    String nav_calendar();

    @Message
    String new_resource();

    @Message
    String version();

    @Message
    String updated();

    @Message
    String pending_change();

    @Message
    String no_resources();

    @Message
    String reject_reason();

    @Message
    String catalogue_page();

    @Message
    String edit();

    @Message
    String submit_for_review();

    @Message
    String load_data();

    @Message
    String retire();

    @Message
    String retire_reason();

    @Message
    String load_explain();

    @Message
    String load_columns();

    @Message
    String load_file();

    @Message
    String load_mode();

    @Message
    String load_replace();

    @Message
    String load_upsert();

    @Message
    String load_start();

    @Message
    String load_succeeded();

    @Message
    String load_failed();

    @Message
    String load_running();

    @Message
    String rows();

    @Message
    String rows_per_second();

    @Message
    String load_progress();

    @Message
    String load_problems();

    @Message
    String describe();

    @Message
    String res_name();

    @Message
    String res_name_en();

    @Message
    String res_summary();

    @Message
    String res_summary_en();

    @Message
    String class_category();

    @Message
    String class_item();

    @Message
    String class_sub_item();

    @Message
    String format();

    @Message
    String format_type();

    @Message
    String sharing();

    @Message
    String sharing_type();

    @Message
    String conditions_scope();

    @Message
    String conditions_purpose();

    @Message
    String item_label_en();

    @Message
    String item_length();

    @Message
    String item_flags();

    @Message
    String flag_primary_key();

    @Message
    String flag_filterable();

    @Message
    String flag_subject();

    @Message
    String add_item_row();

    @Message
    String blank_rows_ignored();

    @Message
    String save();

    @Message
    String review_explain();

    @Message
    String review_due();

    @Message
    String publish();

    @Message
    String reject();

    @Message
    String review_empty();

    @Message
    String calendar_saved();

    @Message
    String calendar_missing();

    @Message
    String holidays();

    @Message
    String makeup_workdays();

    @Message
    String calendar_hint();

    @Message
    String grant();

    @Message
    String grant_id();

    @Message
    String rate_limit();

    @Message
    String latest_checkpoint();

    @Message
    String tree_size();

    @Message
    String root_hash();

    @Message
    String signed_by();

    @Message
    String signed_note();

    @Message
    String no_checkpoint();

    @Message
    String charts();

    @Message
    String chart_per_day();

    @Message
    String chart_refusals();

    @Message
    String answered();

    @Message
    String refused();

    @Message
    String receipt();

    @Message
    String leaf_index();

    @Message
    String leaf_hash();

    @Message
    String checkpoint();

    @Message
    String proof_path();

    @Message
    String signature();

    @Message
    String signature_valid();

    @Message
    String signature_invalid();

    @Message
    String inclusion();

    @Message
    String inclusion_ok();

    @Message
    String inclusion_bad();

    @Message
    String inclusion_unsupported();

    @Message
    String inclusion_checking();

    @Message
    String receipt_explain();

    @Message
    String receipt_pending();

    @Message
    String nav_compliance();

    @Message
    String compliance_explain();

    @Message
    String chart_compliance();

    @Message
    String overdue_answer();

    @Message
    String overdue_delivery();

    @Message
    String missing_usage();

    @Message
    String missing_disposal();

    @Message
    String department();

    @Message
    String as_of();

    @Message
    String signed_out();

    @Message
    String nav_upstream_hosts();

    @Message
    String upstream_hosts_explain();

    @Message
    String upstream_hosts_saved();

    @Message
    String upstream_hosts_changed();

    @Message
    String upstream_hosts_none();

    @Message
    String upstream_scheme();

    @Message
    String upstream_host();

    @Message
    String upstream_port();

    @Message
    String upstream_flags();

    @Message
    String upstream_flag_http();

    @Message
    String upstream_flag_private();

    @Message
    String upstream_flag_name();

    @Message
    String upstream_add();

    @Message
    String upstream_remove();

    @Message
    String objections_open();

    @Message
    String objections_explain();

    @Message
    String objections_none();

    @Message
    String objection_type();

    @Message
    String objection_filed();

    @Message
    String objection_reply_due();

    @Message
    String under_verification();

    @Message
    String objections_explain_all();

    @Message
    String objection_filer();

    @Message
    String objection_handler();
}
