import { councilNameFor, loadConfig } from './config.js';

describe('configuration', () => {
  it('defaults to the embedded database under ./data on port 3000, demo data on the embedded one only', () => {
    expect(loadConfig({}, [])).toEqual({
      databaseUrl: undefined,
      dataDir: expect.stringMatching(/\/data$/),
      host: '127.0.0.1',
      port: 3000,
      demoData: 'auto',
      signingKeyFile: undefined,
      treeHeadEveryEvents: 1000,
      treeHeadEverySeconds: 10,
      trustProxy: false,
    });
  });

  it('reads DATABASE_URL, PORT, HOST, DATA_DIR and DEMO_DATA, and --empty', () => {
    const config = loadConfig(
      {
        DATABASE_URL: 'postgres://u@db/x',
        PORT: '8080',
        HOST: '0.0.0.0',
        DATA_DIR: '/srv/pledge',
        DEMO_DATA: 'true',
      },
      [],
    );
    expect(config).toEqual({
      databaseUrl: 'postgres://u@db/x',
      dataDir: '/srv/pledge',
      host: '0.0.0.0',
      port: 8080,
      demoData: 'yes',
      signingKeyFile: undefined,
      treeHeadEveryEvents: 1000,
      treeHeadEverySeconds: 10,
      trustProxy: false,
    });
    expect(loadConfig({}, ['--empty']).demoData).toBe('no');
    expect(loadConfig({ DEMO_DATA: 'false' }, []).demoData).toBe('no');
  });

  it('refuses bad settings, naming each', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', DEMO_DATA: 'maybe' }, [])).toThrow(
      /PORT must be a whole number.*\n.*DATABASE_URL must start postgres:\/\/.*\n.*DEMO_DATA must be true or false/,
    );
  });

  it('reads the tree-head signing settings, and refuses counts that are not whole and positive', () => {
    const config = loadConfig(
      {
        LEDGER_SIGNING_KEY_FILE: '/etc/pledge/key.pem',
        TREE_HEAD_EVERY_EVENTS: '50',
        TREE_HEAD_EVERY_SECONDS: '2',
      },
      [],
    );
    expect(config).toMatchObject({
      signingKeyFile: '/etc/pledge/key.pem',
      treeHeadEveryEvents: 50,
      treeHeadEverySeconds: 2,
    });
    expect(() => loadConfig({ TREE_HEAD_EVERY_EVENTS: '0', TREE_HEAD_EVERY_SECONDS: 'soon' }, [])).toThrow(
      /TREE_HEAD_EVERY_EVENTS must be a whole number of 1 or more, not "0"[\s\S]*TREE_HEAD_EVERY_SECONDS must be a whole number of 1 or more, not "soon"/,
    );
  });

  it("names the council from COUNCIL_NAME; unset, the demonstration's council only over the demonstration", () => {
    const named = loadConfig({ COUNCIL_NAME: '  Bristol City Council ' }, []);
    expect(named.councilName).toBe('Bristol City Council');
    expect(councilNameFor(named, true)).toBe('Bristol City Council');
    const unset = loadConfig({ COUNCIL_NAME: '' }, []);
    expect(unset.councilName).toBeUndefined();
    expect(councilNameFor(unset, true)).toBe('Leicester City Council');
    expect(councilNameFor(unset, false)).toBe('Council');
  });

  it('refuses a council name too long for a header or on more than one line', () => {
    expect(() => loadConfig({ COUNCIL_NAME: 'x'.repeat(101) }, [])).toThrow(
      'COUNCIL_NAME must be at most 100 characters, not 101',
    );
    expect(() => loadConfig({ COUNCIL_NAME: 'Bristol\nCity Council' }, [])).toThrow(
      'COUNCIL_NAME must be one line of text, with no control characters',
    );
  });

  it('reads TRUST_PROXY as a number of proxies or their addresses, and refuses anything else', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }, []).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'false' }, []).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8, ::1' }, []).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      '::1',
    ]);
    for (const bad of ['true', 'yes', '10.0.0.0/33', 'proxy.council.example', '1.2.3'])
      expect(() => loadConfig({ TRUST_PROXY: bad }, [])).toThrow(
        new RegExp(`TRUST_PROXY must be false, a number of proxies .*not "${bad.replace(/\./g, '\\.')}"`),
      );
  });
});
