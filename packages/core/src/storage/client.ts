/** The S3 client the code uses: real S3 on AWS, the local stand-in when FLEETDROP_S3_ENDPOINT is set. */

import { createS3Client } from "../aws/index.ts";
import { Config } from "../config/index.ts";

export const s3 = createS3Client({ region: Config.region, endpoint: Config.s3Endpoint });
