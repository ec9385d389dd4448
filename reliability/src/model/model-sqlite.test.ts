import { modelBasedTests } from './property';

// Random command sequences on sqlite, checked against the reference model after every command.
modelBasedTests('sqlite', 300, 40);
