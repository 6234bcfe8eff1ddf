import { createInProcessService } from '../../support/comment-app.ts';
import { protocolSuite } from '../../support/protocol-suite.ts';

protocolSuite(createInProcessService);
