/** Placeholder until this screen lands (issue 4); its helper replaces this file. */
import { Result } from 'antd';

export default function Apply() {
  return <Result status="info" title="Apply" />;
}
