"""Concord's front door: every action a user can take, as plain functions over a ConcordStore.

The CLI, the web app and the API call these; `flows/` compose them into the event-driven
workflow and `tasks/` wrap them with retries. Nothing here imports Prefect, and every function
takes the store it works on, so the same action behaves the same from every interface.

| module | actions |
| --- | --- |
| drafts | register_draft, revise_draft, draft_summaries, versions, compare_versions |
| rounds | open_round, round_status, issue_tokens |
| answers | submit_answer, ingest_answer, agencies_waiting |
| merging | merge_round, ingested_answers |
| decisions | merged_items, items_with_decisions, record_decisions, decisions_from_docx |
| publishing | publish_round |
| audit | audit_entries, verify_audit |
| desk | reissue_token, close_round, extend_deadline, find_items, publish_decided, agency_outcomes |
| users | add_user, new_api_token, sign_in, agency_sign_in (accounts live in storage.users) |
"""
