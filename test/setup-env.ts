// Tests run in UTC with real schedules off; a test that needs the scheduler turns it on itself.
process.env.TZ = 'UTC';
process.env.DEFUSE_SCHEDULER = 'off';
