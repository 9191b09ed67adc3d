/**
 * Import for its effect: provides nameprep (with its generated tables) to nameprep.ts. Node code
 * (tests, benches, the exercise checker's lazily loaded chunk) imports this once; browser islands
 * load it on demand instead (src/runtime/use-nameprep-data.ts).
 */
import { provideNameprep } from './nameprep';
import { nameprep } from './nameprep-impl';

provideNameprep(nameprep);
