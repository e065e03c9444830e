import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// `findBy*` and `waitFor` wait for something to appear; their 1 s default is a guess at how
// fast the machine is, and a busy 2-core one misses it. They still return as soon as it appears.
configure({ asyncUtilTimeout: 15_000 });

afterEach(() => cleanup());
