import { Injectable } from '@nestjs/common';
import { refuse } from '../../common/domain/domain-error.js';
import { UsersService } from '../../identity/users.service.js';

/** An action's lead is a person who can sign in and change it: an officer or an admin. */
@Injectable()
export class LeadOfficers {
  constructor(private readonly users: UsersService) {}

  async assertCanLead(userId: string, field: string): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user || user.disabledAt) refuse('action.lead-unknown', 'No active user has this id', field);
    if (user.role !== 'officer' && user.role !== 'admin') {
      refuse(
        'action.lead-not-officer',
        `${user.displayName} is a ${user.role} member and cannot lead an action`,
        field,
      );
    }
  }
}
