import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ImageName } from './ImageName';

const ID = `sha256:${'a1b2c3d4e5f6'.repeat(5)}abcd`;

describe('ImageName', () => {
  it('shows the short id of an untagged image, and the full id in a tooltip on hover and on focus', async () => {
    const user = userEvent.setup();
    render(<ImageName image={ID} />);
    const short = screen.getByText('a1b2c3d4e5f6');
    expect(document.body).not.toHaveTextContent(ID);
    await user.hover(short);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(ID);
    expect(short).toHaveAccessibleDescription(ID);
    await user.unhover(short);
    await user.tab();
    expect(short).toHaveFocus();
    expect(await screen.findByRole('tooltip')).toHaveTextContent(ID);
  });

  it('shows a tagged name whole, with no tooltip and nothing to focus', async () => {
    const user = userEvent.setup();
    const { container } = render(<ImageName image="registry.example/team/app:1.2" />);
    expect(container).toHaveTextContent('registry.example/team/app:1.2');
    expect(container.querySelectorAll('wbr')).toHaveLength(3);
    await user.tab();
    expect(document.body).toHaveFocus();
  });
});
