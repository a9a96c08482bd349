import { loadConfig } from './config.js';

describe('configuration', () => {
  it('defaults to the embedded database under ./data on port 3000, demo data on the embedded one only', () => {
    expect(loadConfig({}, [])).toEqual({
      databaseUrl: undefined,
      dataDir: expect.stringMatching(/\/data$/),
      host: '127.0.0.1',
      port: 3000,
      demoData: 'auto',
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
    });
    expect(loadConfig({}, ['--empty']).demoData).toBe('no');
    expect(loadConfig({ DEMO_DATA: 'false' }, []).demoData).toBe('no');
  });

  it('refuses bad settings, naming each', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', DEMO_DATA: 'maybe' }, [])).toThrow(
      /PORT must be a whole number.*\n.*DATABASE_URL must start postgres:\/\/.*\n.*DEMO_DATA must be true or false/,
    );
  });
});
