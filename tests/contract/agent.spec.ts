// @contract: the CC-Gateway operations of the agent who answers.
import { test, expect, ops, type Schemas } from '../../fixtures/index.js';
import { signInBody, guidFromSetGuid } from '../../fixtures/agent.js';
import { agentMessageBody } from '../../fixtures/builders.js';
import { agentCall } from '../../fixtures/baselines.js';
import { json } from '../../fixtures/client.js';
import { RULES } from '../../fixtures/business-rules.js';
import { judge } from '../../fixtures/verdicts.js';
import { registerSecret } from '../../src/contract/secrets.js';

type AgentResult = Schemas['AgentResponse'];

test.describe('agent', () => {
  test('agentSignIn gives a Guid in Set-GUID and agentSignOut ends it', {
    tag: ['@contract'],
    annotation: ops('agentSignIn', 'agentSignOut'),
  }, async ({ api, config, agentLock }) => {
    void agentLock;
    const agent = config.agent!;
    test.skip(!agent.password, 'signing in needs CEC_AGENT_PASSWORD (+ CEC_AGENT_PHONE); only a Guid is configured');
    test.skip(config.health, 'the health check never signs an agent in');
    const signIn = await api.agentSignIn(agent.agentId, signInBody(agent));
    const setGuid = signIn.headers()['set-guid'];
    const signedIn = await judge(RULES.signIn, async () => {
      expect((await json<AgentResult>(signIn)).retcode, 'sign-in retcode').toBe('0');
      expect(setGuid, 'Set-GUID header').toMatch(/JSESSIONID=\S+/);
    });
    if (!signedIn) return;
    const guid = guidFromSetGuid(setGuid)!;
    registerSecret(guid);

    const signOut = await api.agentSignOut(agent.agentId, { credentials: { agentGuid: guid } });
    await judge(RULES.signOut, async () => expect((await json<AgentResult>(signOut)).retcode, 'sign-out retcode').toBe('0'));
  });

  test('sendMessage delivers to the customer of the agent\'s call', {
    tag: ['@contract', '@health'],
    annotation: ops('sendMessage', 'send', 'poll'),
  }, async ({ agent, customer, config, faker }) => {
    const callId = await agentCall(customer);
    const content = faker.lorem.sentence();
    const response = await agent.api.sendMessage(agent.agentId, agentMessageBody(faker, { callId, userId: customer.userId, channelConfigId: config.channelConfigId, content }));
    expect((await json<AgentResult>(response)).retcode).toBe('0');
    // The wait's predicate is the rule: the agent's text arrives as sent (a changed text never matches).
    await judge(RULES.agentDelivery, () => customer.inbox.waitForMessage('the agent\'s message, as sent', (m) => m.sourceType === 'AGENT' && m.content === content));
  });
});
