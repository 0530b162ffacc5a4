-- 0010_platform_updated_at (down): drops platform.set_updated_at(). The triggers that use it belong to later
-- scripts, whose down scripts run first.

drop function platform.set_updated_at();
