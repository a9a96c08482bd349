import { createHash } from 'node:crypto';
import { canonicalJson } from '../../libs/ledger/index.js';
import { envelopeFromRow, envelopeLeafHash } from './event-envelope.js';

// A row as envelopeColumns() selects it. The sealed form below is a published contract: every
// export already handed to an auditor was hashed this way, so a change here breaks their checks.
const row = {
  global_position: '812',
  transaction_id: '1045',
  stream_id: 'action-0190b2c4-7a1e-7cc1-9f5a-2f0c6c1d8e11',
  stream_version: 3,
  event_id: '0190b2c4-7a1e-7cc1-9f5a-2f0c6c1d8e12',
  event_type: 'ActionProgressLogged',
  schema_version: 1,
  data: { rag: 'amber', narrative: 'Bulletin delayed', percentComplete: 25 },
  metadata: { actorId: 'u-7', actorRole: 'officer', reason: 'Printer contract lapsed' },
  recorded_at: '2024-06-30T12:00:00.123456Z',
  effective_at: '2024-05-15T23:00:00.000000Z',
};

const sealedForm =
  '{"data":{"narrative":"Bulletin delayed","percentComplete":25,"rag":"amber"},' +
  '"effectiveAt":"2024-05-15T23:00:00.000000Z",' +
  '"eventId":"0190b2c4-7a1e-7cc1-9f5a-2f0c6c1d8e12",' +
  '"metadata":{"actorId":"u-7","actorRole":"officer","reason":"Printer contract lapsed"},' +
  '"position":"812","recordedAt":"2024-06-30T12:00:00.123456Z","schemaVersion":1,' +
  '"streamId":"action-0190b2c4-7a1e-7cc1-9f5a-2f0c6c1d8e11","streamVersion":3,' +
  '"transactionId":"1045","type":"ActionProgressLogged"}';

describe('the sealed form of an event', () => {
  it('is the canonical JSON of the whole envelope: every stored field, keys sorted, times to the microsecond', () => {
    expect(canonicalJson(envelopeFromRow(row))).toBe(sealedForm);
  });

  it('hashes as an RFC 9162 leaf: SHA-256 of 0x00 then the sealed form', () => {
    const expected = createHash('sha256')
      .update(Buffer.from([0]))
      .update(sealedForm, 'utf8')
      .digest();
    expect(envelopeLeafHash(envelopeFromRow(row)).equals(expected)).toBe(true);
  });

  it.each([
    ['data', { data: { ...row.data, percentComplete: 26 } }],
    ['metadata', { metadata: { ...row.metadata, actorId: 'u-8' } }],
    ['effective time', { effective_at: '2024-05-14T23:00:00.000000Z' }],
    ['recorded time, by a microsecond', { recorded_at: '2024-06-30T12:00:00.123457Z' }],
    ['stream version', { stream_version: 4 }],
    ['position', { global_position: '813' }],
    ['transaction', { transaction_id: '1046' }],
    ['type', { event_type: 'ActionDeferred' }],
    ['schema version', { schema_version: 2 }],
  ])('changes when the %s changes', (_, change) => {
    const original = envelopeLeafHash(envelopeFromRow(row));
    expect(envelopeLeafHash(envelopeFromRow({ ...row, ...change })).equals(original)).toBe(false);
  });
});
