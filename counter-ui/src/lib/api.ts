// The staff app talks to the API with its session cookie (set at sign-in), so no token is kept in script.
import { createApi } from '@foleni/shared/client';

export const api = createApi();
