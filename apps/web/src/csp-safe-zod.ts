import { z } from 'zod';

// The screens' CSP allows no eval, and zod would probe for it (a CSP error in the console) as its schemas
// are built. This module is imported first by main.tsx, so it runs before any schema is defined.
z.config({ jitless: true });
