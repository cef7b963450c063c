-- An SLA warning is the desk's own alarm, which the user never sees, so it is no longer a moment of truth (8.2.4). The
-- recoveries the warnings recorded before opened are closed, so that the team's open recoveries are what users went through.
update moments set recovery_state = 'recovered', recovered_at = created_at, recovered_by = 'sla',
    recovery_note = 'An SLA warning is not a moment of truth: nothing to recover.'
where kind = 'sla_warning' and recovery_state = 'open';
