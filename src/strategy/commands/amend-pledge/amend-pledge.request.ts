import { PartialType } from '@nestjs/swagger';
import { EffectiveOn } from '../../http/effective-on.js';
import { PledgeDetailsRequest } from '../make-pledge/make-pledge.request.js';

export class AmendPledgeRequest extends PartialType(PledgeDetailsRequest) {
  @EffectiveOn('The day the amendment took effect: not before the pledge last changed')
  effectiveOn?: string;
}
