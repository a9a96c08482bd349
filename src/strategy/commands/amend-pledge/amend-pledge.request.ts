import { PartialType } from '@nestjs/swagger';
import { PledgeDetailsRequest } from '../make-pledge/make-pledge.request.js';

export class AmendPledgeRequest extends PartialType(PledgeDetailsRequest) {}
