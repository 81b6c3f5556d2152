-- The first day an application's production was overdue (R-CH-2: due in 3 working days).
ALTER TABLE application ADD COLUMN production_overdue_since DATE;
