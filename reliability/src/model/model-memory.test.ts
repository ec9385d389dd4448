import { modelBasedTests } from './property';

// Random command sequences on memory, checked against the reference model after every command.
modelBasedTests('memory', 1000, 40);
