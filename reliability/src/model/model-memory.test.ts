import { modelBasedTests } from './property';

// Random command sequences on memory, checked against the reference model after every command.
modelBasedTests('memory', 300, 40);
