-- The slaStatus filters (TicketSearch.statusAt) as index ranges: without these, counting the
-- tickets breached or at risk read every row (about 40 ms at 100,000 open tickets; 1-2 ms with
-- them, docs/benchmarks.md "Queries against the standalone").
CREATE INDEX ticket_first_response_due ON ticket (first_response_status, first_response_due_at);
CREATE INDEX ticket_resolution_due ON ticket (resolution_status, resolution_due_at);
CREATE INDEX ticket_first_response_risk ON ticket (first_response_status, first_response_risk_at);
CREATE INDEX ticket_resolution_risk ON ticket (resolution_status, resolution_risk_at);

-- Every row is rewritten at each event of its ticket: vacuum and analyze it sooner than the
-- default (20% of the table), so list counts stay index-only scans and plans see fresh figures.
ALTER TABLE ticket SET (autovacuum_vacuum_scale_factor = 0.01,
    autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.01);
