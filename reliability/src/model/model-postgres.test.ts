import { modelBasedTests } from './property';

// Random command sequences on postgres, checked against the reference model after every command.
modelBasedTests('postgres', 200, 40);
