/** The admin bearer token: `npx sst secret set AdminToken <token> --stage <stage>` before deploying. */
export const adminToken = new sst.Secret("AdminToken");
