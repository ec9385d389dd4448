import { tellStory } from './story';

await tellStory();
